-- Bids refuses new bids on hidden tasks, as tasks hides them: an administrator hid the task
-- (tasks.task.hidden/unhidden) or its poster is suspended (users.user.suspended/unsuspended, all of
-- the poster's tasks). Each flag is ordered by its own event time, apart from last_event_at. Tasks
-- hidden or posters suspended before this migration are not flagged (bids skipped those events):
-- hiding again (or unsuspending and suspending again) flags them.
ALTER TABLE "bids"."task_replica" ADD COLUMN "hidden" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "bids"."task_replica" ADD COLUMN "hidden_changed_at" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "bids"."task_replica" ADD COLUMN "poster_suspended" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "bids"."task_replica" ADD COLUMN "poster_suspended_changed_at" timestamp (3) with time zone;--> statement-breakpoint
CREATE INDEX "task_replica_poster_idx" ON "bids"."task_replica" USING btree ("poster_id");--> statement-breakpoint
ALTER TABLE "bids"."task_replica" ADD CONSTRAINT "task_replica_hidden_dated" CHECK (NOT "bids"."task_replica"."hidden" OR "bids"."task_replica"."hidden_changed_at" IS NOT NULL);--> statement-breakpoint
ALTER TABLE "bids"."task_replica" ADD CONSTRAINT "task_replica_suspension_dated" CHECK (NOT "bids"."task_replica"."poster_suspended" OR "bids"."task_replica"."poster_suspended_changed_at" IS NOT NULL);