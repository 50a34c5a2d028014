ALTER TABLE "reviews"."reviews" ADD COLUMN "revealed_at" timestamp (3) with time zone;--> statement-breakpoint
-- Reviews left before blind reviews were public from the start, and ratings already count them.
UPDATE "reviews"."reviews" SET "revealed_at" = "created_at";--> statement-breakpoint
CREATE INDEX "completed_tasks_completed_at_idx" ON "reviews"."completed_tasks" USING btree ("completed_at");--> statement-breakpoint
CREATE INDEX "reviews_hidden_task_idx" ON "reviews"."reviews" USING btree ("task_id") WHERE "reviews"."reviews"."revealed_at" IS NULL;