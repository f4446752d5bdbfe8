CREATE TABLE "survey_answer_choices" (
	"response_id" uuid NOT NULL,
	"question_id" uuid NOT NULL,
	"option_id" uuid NOT NULL,
	CONSTRAINT "survey_answer_choices_response_id_question_id_option_id_pk" PRIMARY KEY("response_id","question_id","option_id")
);
--> statement-breakpoint
CREATE TABLE "survey_answers" (
	"response_id" uuid NOT NULL,
	"question_id" uuid NOT NULL,
	"option_id" uuid,
	"number_value" double precision,
	"text_value" text,
	CONSTRAINT "survey_answers_response_id_question_id_pk" PRIMARY KEY("response_id","question_id")
);
--> statement-breakpoint
CREATE TABLE "survey_options" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"question_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"label" text NOT NULL,
	"value" integer,
	"counts_as_satisfied" boolean DEFAULT false NOT NULL,
	"counts_as_positive" boolean DEFAULT false NOT NULL,
	CONSTRAINT "survey_options_questionId_position_unique" UNIQUE("question_id","position")
);
--> statement-breakpoint
CREATE TABLE "survey_points" (
	"survey_id" uuid NOT NULL,
	"distribution_point_id" uuid NOT NULL,
	CONSTRAINT "survey_points_survey_id_distribution_point_id_pk" PRIMARY KEY("survey_id","distribution_point_id")
);
--> statement-breakpoint
CREATE TABLE "survey_questions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version_id" uuid NOT NULL,
	"key" uuid NOT NULL,
	"position" integer NOT NULL,
	"kind" text NOT NULL,
	"text" text NOT NULL,
	"help" text,
	"required" boolean DEFAULT false NOT NULL,
	"max_choices" integer,
	"min_value" double precision,
	"max_value" double precision,
	"integer" boolean,
	"max_length" integer,
	CONSTRAINT "survey_questions_versionId_position_unique" UNIQUE("version_id","position"),
	CONSTRAINT "survey_questions_kind_check" CHECK ("survey_questions"."kind" in ('single_choice', 'multiple_choice', 'scale5', 'yes_no', 'number', 'free_text'))
);
--> statement-breakpoint
CREATE TABLE "survey_responses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"survey_id" uuid NOT NULL,
	"version_id" uuid NOT NULL,
	"channel" text NOT NULL,
	"submitted_at" timestamp with time zone NOT NULL,
	"distribution_point_id" uuid,
	"code_hash" text,
	"made_up" boolean DEFAULT false NOT NULL,
	"recorded_by_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "survey_responses_code_unique" UNIQUE("survey_id","code_hash"),
	CONSTRAINT "survey_responses_channel_check" CHECK ("survey_responses"."channel" in ('web', 'paper'))
);
--> statement-breakpoint
CREATE TABLE "survey_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"survey_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "survey_versions_surveyId_number_unique" UNIQUE("survey_id","number")
);
--> statement-breakpoint
CREATE TABLE "surveys" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"context_kind" text NOT NULL,
	"training_event_id" uuid,
	"consultation_window_id" uuid,
	"opens_on" date,
	"closes_on" date,
	"one_answer_per_code" text DEFAULT 'none' NOT NULL,
	"public_token" text NOT NULL,
	"current_version" integer DEFAULT 1 NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "surveys_publicToken_unique" UNIQUE("public_token"),
	CONSTRAINT "surveys_context_kind_check" CHECK ("surveys"."context_kind" in ('training_event', 'distribution', 'consultation_window', 'none')),
	CONSTRAINT "surveys_one_answer_per_code_check" CHECK ("surveys"."one_answer_per_code" in ('none', 'ticket', 'card_code')),
	CONSTRAINT "surveys_context_ids_check" CHECK (("surveys"."training_event_id" is not null) = ("surveys"."context_kind" = 'training_event')
        and ("surveys"."consultation_window_id" is not null) = ("surveys"."context_kind" = 'consultation_window')),
	CONSTRAINT "surveys_dates_check" CHECK ("surveys"."closes_on" is null or "surveys"."opens_on" is null or "surveys"."closes_on" >= "surveys"."opens_on")
);
--> statement-breakpoint
ALTER TABLE "survey_answer_choices" ADD CONSTRAINT "survey_answer_choices_option_id_survey_options_id_fk" FOREIGN KEY ("option_id") REFERENCES "public"."survey_options"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_answer_choices" ADD CONSTRAINT "survey_answer_choices_response_id_question_id_survey_answers_response_id_question_id_fk" FOREIGN KEY ("response_id","question_id") REFERENCES "public"."survey_answers"("response_id","question_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_answers" ADD CONSTRAINT "survey_answers_response_id_survey_responses_id_fk" FOREIGN KEY ("response_id") REFERENCES "public"."survey_responses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_answers" ADD CONSTRAINT "survey_answers_question_id_survey_questions_id_fk" FOREIGN KEY ("question_id") REFERENCES "public"."survey_questions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_answers" ADD CONSTRAINT "survey_answers_option_id_survey_options_id_fk" FOREIGN KEY ("option_id") REFERENCES "public"."survey_options"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_options" ADD CONSTRAINT "survey_options_question_id_survey_questions_id_fk" FOREIGN KEY ("question_id") REFERENCES "public"."survey_questions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_points" ADD CONSTRAINT "survey_points_survey_id_surveys_id_fk" FOREIGN KEY ("survey_id") REFERENCES "public"."surveys"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_points" ADD CONSTRAINT "survey_points_distribution_point_id_distribution_points_id_fk" FOREIGN KEY ("distribution_point_id") REFERENCES "public"."distribution_points"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_questions" ADD CONSTRAINT "survey_questions_version_id_survey_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."survey_versions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_responses" ADD CONSTRAINT "survey_responses_survey_id_surveys_id_fk" FOREIGN KEY ("survey_id") REFERENCES "public"."surveys"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_responses" ADD CONSTRAINT "survey_responses_version_id_survey_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."survey_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_responses" ADD CONSTRAINT "survey_responses_distribution_point_id_distribution_points_id_fk" FOREIGN KEY ("distribution_point_id") REFERENCES "public"."distribution_points"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_versions" ADD CONSTRAINT "survey_versions_survey_id_surveys_id_fk" FOREIGN KEY ("survey_id") REFERENCES "public"."surveys"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "surveys" ADD CONSTRAINT "surveys_consultation_window_id_consultation_windows_id_fk" FOREIGN KEY ("consultation_window_id") REFERENCES "public"."consultation_windows"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "survey_answer_choices_question_id_option_id_index" ON "survey_answer_choices" USING btree ("question_id","option_id");--> statement-breakpoint
CREATE INDEX "survey_answers_question_id_option_id_index" ON "survey_answers" USING btree ("question_id","option_id");--> statement-breakpoint
CREATE INDEX "survey_points_distribution_point_id_index" ON "survey_points" USING btree ("distribution_point_id");--> statement-breakpoint
CREATE INDEX "survey_responses_survey_id_submitted_at_id_index" ON "survey_responses" USING btree ("survey_id","submitted_at","id");--> statement-breakpoint
CREATE INDEX "survey_responses_version_id_submitted_at_index" ON "survey_responses" USING btree ("version_id","submitted_at");--> statement-breakpoint
CREATE INDEX "surveys_title_id_index" ON "surveys" USING btree ("title","id");--> statement-breakpoint
CREATE INDEX "surveys_training_event_id_index" ON "surveys" USING btree ("training_event_id");--> statement-breakpoint
CREATE INDEX "surveys_consultation_window_id_index" ON "surveys" USING btree ("consultation_window_id");