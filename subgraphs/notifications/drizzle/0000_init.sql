CREATE SCHEMA "notifications";
--> statement-breakpoint
CREATE TABLE "notifications"."dead_letters" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"consumer" text NOT NULL,
	"event_id" text,
	"type" text,
	"subject" text NOT NULL,
	"payload" text NOT NULL,
	"error" text NOT NULL,
	"deliveries" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notifications"."inbox" (
	"consumer" text NOT NULL,
	"event_id" uuid NOT NULL,
	"processed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "inbox_consumer_event_id_pk" PRIMARY KEY("consumer","event_id")
);
--> statement-breakpoint
CREATE TABLE "notifications"."notifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"recipient_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"event_id" uuid NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"task_id" uuid,
	"bid_id" uuid,
	"payment_id" uuid,
	"read_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "notifications_kind" CHECK ("notifications"."notifications"."kind" IN ('BID_RECEIVED', 'BID_ACCEPTED', 'BID_REJECTED', 'PAYMENT_HELD', 'PAYMENT_RELEASED', 'PAYMENT_REFUNDED', 'MONEY_RECEIVED', 'TASK_ASSIGNED', 'TASK_DONE', 'TASK_COMPLETED', 'TASK_CANCELLED', 'REVIEW_RECEIVED'))
);
--> statement-breakpoint
CREATE TABLE "notifications"."outbox" (
	"seq" bigserial PRIMARY KEY NOT NULL,
	"id" uuid NOT NULL,
	"type" text NOT NULL,
	"version" integer NOT NULL,
	"aggregate_id" text NOT NULL,
	"envelope" jsonb NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"published_at" timestamp with time zone,
	CONSTRAINT "outbox_id_unique" UNIQUE("id")
);
--> statement-breakpoint
CREATE TABLE "notifications"."task_participants" (
	"task_id" uuid PRIMARY KEY NOT NULL,
	"poster_id" uuid NOT NULL,
	"assignee_id" uuid NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "notifications_event_recipient_unique" ON "notifications"."notifications" USING btree ("event_id","recipient_id");--> statement-breakpoint
CREATE INDEX "notifications_recipient_idx" ON "notifications"."notifications" USING btree ("recipient_id","created_at","id");--> statement-breakpoint
CREATE INDEX "notifications_unread_idx" ON "notifications"."notifications" USING btree ("recipient_id") WHERE "notifications"."notifications"."read_at" IS NULL;--> statement-breakpoint
CREATE INDEX "outbox_pending_idx" ON "notifications"."outbox" USING btree ("seq") WHERE "notifications"."outbox"."published_at" IS NULL;