DROP INDEX "distributions_occurred_at_id_index";--> statement-breakpoint
DROP INDEX "stock_movements_occurred_at_id_index";--> statement-breakpoint
DROP INDEX "survey_answer_choices_question_id_option_id_index";--> statement-breakpoint
DROP INDEX "survey_answers_question_id_option_id_index";--> statement-breakpoint
DROP INDEX "audit_log_at_id_index";--> statement-breakpoint
DROP INDEX "distributions_point_id_occurred_at_id_index";--> statement-breakpoint
DROP INDEX "stock_movements_point_id_occurred_at_id_index";--> statement-breakpoint
CREATE INDEX "distributions_occurred_at_id_point_id_item_id_sets_request_method_index" ON "distributions" USING btree ("occurred_at","id","point_id","item_id","sets","request_method");--> statement-breakpoint
CREATE INDEX "stock_movements_occurred_at_id_point_id_item_id_quantity_index" ON "stock_movements" USING btree ("occurred_at","id","point_id","item_id","quantity");--> statement-breakpoint
CREATE INDEX "stock_movements_reversed_distribution_index" ON "stock_movements" USING btree ("distribution_id") WHERE "stock_movements"."kind" = 'reversal';--> statement-breakpoint
CREATE INDEX "survey_answer_choices_question_id_option_id_response_id_index" ON "survey_answer_choices" USING btree ("question_id","option_id","response_id");--> statement-breakpoint
CREATE INDEX "survey_answers_question_id_option_id_number_value_response_id_index" ON "survey_answers" USING btree ("question_id","option_id","number_value","response_id");--> statement-breakpoint
CREATE INDEX "audit_log_at_id_index" ON "audit_log" USING btree ("at","id");--> statement-breakpoint
CREATE INDEX "distributions_point_id_occurred_at_id_index" ON "distributions" USING btree ("point_id","occurred_at","id");--> statement-breakpoint
CREATE INDEX "stock_movements_point_id_occurred_at_id_index" ON "stock_movements" USING btree ("point_id","occurred_at","id");