CREATE TABLE "results_report_challenges" (
	"fiscal_year" integer PRIMARY KEY NOT NULL,
	"text" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_by" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "target_metric_manual_values" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"metric_id" uuid NOT NULL,
	"value" double precision NOT NULL,
	"as_of" date NOT NULL,
	"note" text,
	"recorded_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "target_metrics" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"fiscal_year" integer NOT NULL,
	"label" text NOT NULL,
	"unit" text NOT NULL,
	"target" double precision NOT NULL,
	"direction" text NOT NULL,
	"description" text,
	"position" integer DEFAULT 0 NOT NULL,
	"definition" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "target_metrics_year_label" UNIQUE("fiscal_year","label"),
	CONSTRAINT "target_metrics_unit" CHECK ("target_metrics"."unit" in ('people', 'percent', 'count', 'sets')),
	CONSTRAINT "target_metrics_direction" CHECK ("target_metrics"."direction" in ('at_least', 'at_most')),
	CONSTRAINT "target_metrics_target" CHECK ("target_metrics"."target" >= 0),
	CONSTRAINT "target_metrics_kind" CHECK (jsonb_typeof("target_metrics"."definition" -> 'kind') = 'string')
);
--> statement-breakpoint
ALTER TABLE "target_metric_manual_values" ADD CONSTRAINT "target_metric_manual_values_metric_id_target_metrics_id_fk" FOREIGN KEY ("metric_id") REFERENCES "public"."target_metrics"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "target_metric_manual_values_metric_id_as_of_created_at_index" ON "target_metric_manual_values" USING btree ("metric_id","as_of","created_at");--> statement-breakpoint
CREATE INDEX "target_metrics_fiscal_year_position_id_index" ON "target_metrics" USING btree ("fiscal_year","position","id");