ALTER TABLE "tasks"."tasks" ADD COLUMN "bid_id" uuid;--> statement-breakpoint
ALTER TABLE "tasks"."tasks" ADD COLUMN "payment_id" uuid;--> statement-breakpoint
ALTER TABLE "tasks"."tasks" ADD COLUMN "done_at" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "tasks"."tasks" ADD COLUMN "completed_at" timestamp (3) with time zone;--> statement-breakpoint
CREATE UNIQUE INDEX "tasks_payment_idx" ON "tasks"."tasks" USING btree ("payment_id");--> statement-breakpoint
CREATE INDEX "tasks_done_at_idx" ON "tasks"."tasks" USING btree ("done_at") WHERE "tasks"."tasks"."status" = 'DONE';--> statement-breakpoint
ALTER TABLE "tasks"."tasks" ADD CONSTRAINT "tasks_assignment_paid" CHECK (("tasks"."tasks"."assignee_id" IS NULL) = ("tasks"."tasks"."payment_id" IS NULL) AND ("tasks"."tasks"."payment_id" IS NULL) = ("tasks"."tasks"."bid_id" IS NULL));--> statement-breakpoint
ALTER TABLE "tasks"."tasks" ADD CONSTRAINT "tasks_done_at_matches_status" CHECK (("tasks"."tasks"."done_at" IS NOT NULL) = ("tasks"."tasks"."status" IN ('DONE', 'COMPLETED')));--> statement-breakpoint
ALTER TABLE "tasks"."tasks" ADD CONSTRAINT "tasks_completed_at_matches_status" CHECK (("tasks"."tasks"."completed_at" IS NOT NULL) = ("tasks"."tasks"."status" = 'COMPLETED'));