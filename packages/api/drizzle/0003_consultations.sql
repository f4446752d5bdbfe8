CREATE TABLE "consultations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"window_id" uuid NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"channel" text NOT NULL,
	"topics" text[] NOT NULL,
	"referral_source" text NOT NULL,
	"card_code" text,
	"age_band" text,
	"is_repeat" boolean DEFAULT false NOT NULL,
	"referred_to_window_id" uuid,
	"referred_to_external" text,
	"follow_up_needed" boolean DEFAULT false NOT NULL,
	"note" text,
	"outside_opening_hours" boolean NOT NULL,
	"made_up" boolean DEFAULT false NOT NULL,
	"recorded_by_type" text NOT NULL,
	"recorded_by_id" uuid,
	"recorded_by_label" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "consultations_channel_check" CHECK ("consultations"."channel" in ('in_person', 'phone', 'sns', 'online', 'outreach')),
	CONSTRAINT "consultations_topics_check" CHECK (cardinality("consultations"."topics") between 1 and 11),
	CONSTRAINT "consultations_referral_source_check" CHECK ("consultations"."referral_source" in ('guidance_card', 'flyer', 'pr_magazine', 'website', 'school', 'partner', 'other_window', 'other', 'unknown')),
	CONSTRAINT "consultations_age_band_check" CHECK ("consultations"."age_band" is null or "consultations"."age_band" in ('under_20', '20s', '30s', '40s', '50s', '60s', '70_plus')),
	CONSTRAINT "consultations_note_check" CHECK (char_length("consultations"."note") <= 500),
	CONSTRAINT "consultations_referred_to_external_check" CHECK (char_length("consultations"."referred_to_external") <= 100)
);
--> statement-breakpoint
ALTER TABLE "consultations" ADD CONSTRAINT "consultations_window_id_consultation_windows_id_fk" FOREIGN KEY ("window_id") REFERENCES "public"."consultation_windows"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultations" ADD CONSTRAINT "consultations_referred_to_window_id_consultation_windows_id_fk" FOREIGN KEY ("referred_to_window_id") REFERENCES "public"."consultation_windows"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "consultations_occurred_at_id_index" ON "consultations" USING btree ("occurred_at","id");--> statement-breakpoint
CREATE INDEX "consultations_window_id_occurred_at_index" ON "consultations" USING btree ("window_id","occurred_at");--> statement-breakpoint
CREATE INDEX "consultations_referred_to_window_id_index" ON "consultations" USING btree ("referred_to_window_id");--> statement-breakpoint
CREATE INDEX "consultations_topics_index" ON "consultations" USING gin ("topics");