CREATE SEQUENCE "public"."training_registration_queue_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
CREATE TABLE "training_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"venue_name" text,
	"venue_address" text,
	"venue_capacity" integer NOT NULL,
	"online_capacity" integer NOT NULL,
	"online_join_details" text,
	"lecturer" text,
	"intended_audiences" text[] DEFAULT '{}' NOT NULL,
	"status" text NOT NULL,
	"public_registration_token" text,
	"fiscal_year" integer NOT NULL,
	"contact_details_purged_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "training_events_publicRegistrationToken_unique" UNIQUE("public_registration_token"),
	CONSTRAINT "training_events_capacity" CHECK ("training_events"."venue_capacity" >= 0 and "training_events"."online_capacity" >= 0),
	CONSTRAINT "training_events_times" CHECK ("training_events"."ends_at" > "training_events"."starts_at"),
	CONSTRAINT "training_events_status" CHECK ("training_events"."status" in ('draft', 'open', 'closed', 'held', 'cancelled'))
);
--> statement-breakpoint
CREATE TABLE "training_registrations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"event_id" uuid NOT NULL,
	"seq" bigint GENERATED ALWAYS AS IDENTITY (sequence name "training_registrations_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"queue_seq" bigint DEFAULT nextval('training_registration_queue_seq') NOT NULL,
	"name" text NOT NULL,
	"name_kana" text,
	"affiliation" text NOT NULL,
	"organisation_name" text,
	"email" text,
	"search_key" text DEFAULT '' NOT NULL,
	"mode" text NOT NULL,
	"status" text NOT NULL,
	"source" text NOT NULL,
	"walk_in" boolean DEFAULT false NOT NULL,
	"checked_in_at" timestamp with time zone,
	"no_show" boolean DEFAULT false NOT NULL,
	"ticket_token" text,
	"promoted_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone,
	"contact_purged_at" timestamp with time zone,
	"made_up" boolean DEFAULT false NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "training_registrations_ticketToken_unique" UNIQUE("ticket_token"),
	CONSTRAINT "training_registrations_mode" CHECK ("training_registrations"."mode" in ('venue', 'online')),
	CONSTRAINT "training_registrations_status" CHECK ("training_registrations"."status" in ('confirmed', 'waitlisted', 'cancelled')),
	CONSTRAINT "training_registrations_affiliation" CHECK ("training_registrations"."affiliation" in ('minsei_jido_iin', 'teacher', 'city_counsellor', 'city_staff', 'partner_staff', 'other')),
	CONSTRAINT "training_registrations_source" CHECK ("training_registrations"."source" in ('staff', 'public', 'import', 'walk_in')),
	CONSTRAINT "training_registrations_attendance" CHECK (("training_registrations"."checked_in_at" is null or "training_registrations"."status" = 'confirmed') and not ("training_registrations"."no_show" and "training_registrations"."checked_in_at" is not null))
);
--> statement-breakpoint
ALTER TABLE "training_registrations" ADD CONSTRAINT "training_registrations_event_id_training_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."training_events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "training_events_starts_at_id_index" ON "training_events" USING btree ("starts_at","id");--> statement-breakpoint
CREATE INDEX "training_events_fiscal_year_index" ON "training_events" USING btree ("fiscal_year");--> statement-breakpoint
CREATE INDEX "training_events_ends_at_index" ON "training_events" USING btree ("ends_at") WHERE "training_events"."contact_details_purged_at" is null;--> statement-breakpoint
CREATE INDEX "training_registrations_event_id_mode_status_queue_seq_index" ON "training_registrations" USING btree ("event_id","mode","status","queue_seq");--> statement-breakpoint
CREATE INDEX "training_registrations_event_id_seq_index" ON "training_registrations" USING btree ("event_id","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "training_registrations_event_email" ON "training_registrations" USING btree ("event_id",lower("email")) WHERE "training_registrations"."email" is not null and "training_registrations"."status" <> 'cancelled';