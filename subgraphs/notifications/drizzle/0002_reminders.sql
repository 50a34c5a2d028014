CREATE TABLE "notifications"."reminders" (
	"task_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"sent_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "reminders_task_id_kind_pk" PRIMARY KEY("task_id","kind")
);
--> statement-breakpoint
CREATE TABLE "notifications"."tracked_tasks" (
	"task_id" uuid PRIMARY KEY NOT NULL,
	"poster_id" uuid NOT NULL,
	"assignee_id" uuid,
	"status" text NOT NULL,
	"due_at" timestamp (3) with time zone,
	"done_at" timestamp (3) with time zone
);
--> statement-breakpoint
ALTER TABLE "notifications"."notifications" DROP CONSTRAINT "notifications_kind";--> statement-breakpoint
CREATE INDEX "tracked_tasks_status_idx" ON "notifications"."tracked_tasks" USING btree ("status");--> statement-breakpoint
ALTER TABLE "notifications"."notifications" ADD CONSTRAINT "notifications_kind" CHECK ("notifications"."notifications"."kind" IN ('BID_RECEIVED', 'BID_ACCEPTED', 'BID_REJECTED', 'PAYMENT_HELD', 'PAYMENT_RELEASED', 'PAYMENT_REFUNDED', 'MONEY_RECEIVED', 'TASK_ASSIGNED', 'TASK_DONE', 'TASK_COMPLETED', 'TASK_CANCELLED', 'REVIEW_RECEIVED', 'TASK_DUE_SOON', 'AUTO_RELEASE_SOON'));