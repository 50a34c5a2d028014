-- Moderation (issue 18): a task an administrator hid, and the replica of its poster's suspension.
-- Both take a task out of the public listings; neither changes its status or its money.
ALTER TABLE "tasks"."tasks" ADD COLUMN "hidden_at" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "tasks"."tasks" ADD COLUMN "hidden_reason" text;--> statement-breakpoint
ALTER TABLE "tasks"."tasks" ADD COLUMN "poster_suspended" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "tasks"."tasks" ADD CONSTRAINT "tasks_hidden_whole" CHECK (("tasks"."tasks"."hidden_at" IS NULL) = ("tasks"."tasks"."hidden_reason" IS NULL));
