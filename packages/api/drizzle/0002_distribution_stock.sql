CREATE TABLE "distribution_points" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"school_level" text,
	"organisation_id" uuid NOT NULL,
	"place" text NOT NULL,
	"card_code" text NOT NULL,
	"valid_from" date NOT NULL,
	"valid_to" date,
	"closure_dates" date[] DEFAULT '{}' NOT NULL,
	"opens_on_holidays" boolean DEFAULT false NOT NULL,
	"schedule" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "distribution_points_cardCode_unique" UNIQUE("card_code"),
	CONSTRAINT "distribution_points_school_level" CHECK (("distribution_points"."kind" = 'school_nurse_office') = ("distribution_points"."school_level" IS NOT NULL))
);
--> statement-breakpoint
CREATE TABLE "idempotency_keys" (
	"principal" text NOT NULL,
	"key" text NOT NULL,
	"method_path" text NOT NULL,
	"request_hash" text NOT NULL,
	"response_status" integer,
	"response_body" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "idempotency_keys_principal_key_pk" PRIMARY KEY("principal","key")
);
--> statement-breakpoint
CREATE TABLE "distributions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"point_id" uuid NOT NULL,
	"item_id" uuid NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"sets" integer NOT NULL,
	"request_method" text NOT NULL,
	"card_enclosed" boolean NOT NULL,
	"period_from" date,
	"period_to" date,
	"made_up" boolean DEFAULT false NOT NULL,
	"recorded_by" uuid,
	"recorded_by_label" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "distributions_sets" CHECK ("distributions"."sets" >= 1),
	CONSTRAINT "distributions_period" CHECK (("distributions"."period_from" IS NULL) = ("distributions"."period_to" IS NULL) AND ("distributions"."period_from" IS NULL OR "distributions"."period_from" <= "distributions"."period_to"))
);
--> statement-breakpoint
CREATE TABLE "item_point_minimums" (
	"item_id" uuid NOT NULL,
	"point_id" uuid NOT NULL,
	"minimum_level" integer NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "item_point_minimums_item_id_point_id_pk" PRIMARY KEY("item_id","point_id"),
	CONSTRAINT "item_point_minimums_level" CHECK ("item_point_minimums"."minimum_level" >= 0)
);
--> statement-breakpoint
CREATE TABLE "items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"unit" text NOT NULL,
	"default_minimum_level" integer DEFAULT 0 NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "items_name_unique" UNIQUE("name"),
	CONSTRAINT "items_default_minimum_level" CHECK ("items"."default_minimum_level" >= 0)
);
--> statement-breakpoint
CREATE TABLE "stock_balances" (
	"point_id" uuid NOT NULL,
	"item_id" uuid NOT NULL,
	"level" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "stock_balances_point_id_item_id_pk" PRIMARY KEY("point_id","item_id"),
	CONSTRAINT "stock_balances_level" CHECK ("stock_balances"."level" >= 0)
);
--> statement-breakpoint
CREATE TABLE "stock_movements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"point_id" uuid NOT NULL,
	"item_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"quantity" integer NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"source" text,
	"note" text,
	"counted_level" integer,
	"reason" text,
	"transfer_id" uuid,
	"counterpart_point_id" uuid,
	"reverses_id" uuid,
	"distribution_id" uuid,
	"made_up" boolean DEFAULT false NOT NULL,
	"recorded_by" uuid,
	"recorded_by_label" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "stock_movements_kind" CHECK (("stock_movements"."kind" = 'receipt' AND "stock_movements"."quantity" > 0 AND "stock_movements"."source" IS NOT NULL)
       OR ("stock_movements"."kind" = 'transfer' AND "stock_movements"."quantity" <> 0 AND "stock_movements"."transfer_id" IS NOT NULL AND "stock_movements"."counterpart_point_id" IS NOT NULL)
       OR ("stock_movements"."kind" = 'handout' AND "stock_movements"."quantity" < 0 AND "stock_movements"."distribution_id" IS NOT NULL)
       OR ("stock_movements"."kind" = 'adjustment' AND "stock_movements"."counted_level" >= 0 AND "stock_movements"."reason" IS NOT NULL)
       OR ("stock_movements"."kind" = 'reversal' AND "stock_movements"."reverses_id" IS NOT NULL))
);
--> statement-breakpoint
ALTER TABLE "distribution_points" ADD CONSTRAINT "distribution_points_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "distributions" ADD CONSTRAINT "distributions_point_id_distribution_points_id_fk" FOREIGN KEY ("point_id") REFERENCES "public"."distribution_points"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "distributions" ADD CONSTRAINT "distributions_item_id_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "item_point_minimums" ADD CONSTRAINT "item_point_minimums_item_id_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "item_point_minimums" ADD CONSTRAINT "item_point_minimums_point_id_distribution_points_id_fk" FOREIGN KEY ("point_id") REFERENCES "public"."distribution_points"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_balances" ADD CONSTRAINT "stock_balances_point_id_distribution_points_id_fk" FOREIGN KEY ("point_id") REFERENCES "public"."distribution_points"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_balances" ADD CONSTRAINT "stock_balances_item_id_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_movements" ADD CONSTRAINT "stock_movements_point_id_distribution_points_id_fk" FOREIGN KEY ("point_id") REFERENCES "public"."distribution_points"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_movements" ADD CONSTRAINT "stock_movements_item_id_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_movements" ADD CONSTRAINT "stock_movements_counterpart_point_id_distribution_points_id_fk" FOREIGN KEY ("counterpart_point_id") REFERENCES "public"."distribution_points"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_movements" ADD CONSTRAINT "stock_movements_reverses_id_stock_movements_id_fk" FOREIGN KEY ("reverses_id") REFERENCES "public"."stock_movements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_movements" ADD CONSTRAINT "stock_movements_distribution_id_distributions_id_fk" FOREIGN KEY ("distribution_id") REFERENCES "public"."distributions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "distribution_points_organisation_id_index" ON "distribution_points" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "distribution_points_name_id_index" ON "distribution_points" USING btree ("name","id");--> statement-breakpoint
CREATE INDEX "idempotency_keys_created_at_index" ON "idempotency_keys" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "distributions_occurred_at_id_index" ON "distributions" USING btree ("occurred_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "distributions_point_id_occurred_at_id_index" ON "distributions" USING btree ("point_id","occurred_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "item_point_minimums_point_id_index" ON "item_point_minimums" USING btree ("point_id");--> statement-breakpoint
CREATE INDEX "stock_movements_point_id_item_id_index" ON "stock_movements" USING btree ("point_id","item_id");--> statement-breakpoint
CREATE INDEX "stock_movements_point_id_occurred_at_id_index" ON "stock_movements" USING btree ("point_id","occurred_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "stock_movements_occurred_at_id_index" ON "stock_movements" USING btree ("occurred_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "stock_movements_transfer_id_index" ON "stock_movements" USING btree ("transfer_id");--> statement-breakpoint
CREATE UNIQUE INDEX "stock_movements_reverses_id_index" ON "stock_movements" USING btree ("reverses_id");--> statement-breakpoint
CREATE UNIQUE INDEX "stock_movements_distribution_id_kind_index" ON "stock_movements" USING btree ("distribution_id","kind");