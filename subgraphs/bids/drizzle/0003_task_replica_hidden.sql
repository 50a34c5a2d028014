-- Bids refuses new bids on a task an administrator hid: the replica follows tasks.task.hidden/unhidden.
-- Tasks hidden before this migration are not flagged (bids skipped those events): unhiding and
-- hiding such a task again flags it.
ALTER TABLE "bids"."task_replica" ADD COLUMN "hidden" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "bids"."task_replica" ADD COLUMN "hidden_changed_at" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "bids"."task_replica" ADD CONSTRAINT "task_replica_hidden_dated" CHECK (NOT "bids"."task_replica"."hidden" OR "bids"."task_replica"."hidden_changed_at" IS NOT NULL);