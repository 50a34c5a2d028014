CREATE TABLE "reviews"."completed_tasks" (
	"task_id" uuid PRIMARY KEY NOT NULL,
	"poster_id" uuid NOT NULL,
	"assignee_id" uuid NOT NULL,
	"completed_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "completed_tasks_two_participants" CHECK ("reviews"."completed_tasks"."poster_id" <> "reviews"."completed_tasks"."assignee_id")
);
--> statement-breakpoint
CREATE TABLE "reviews"."dead_letters" (
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
CREATE TABLE "reviews"."inbox" (
	"consumer" text NOT NULL,
	"event_id" uuid NOT NULL,
	"processed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "inbox_consumer_event_id_pk" PRIMARY KEY("consumer","event_id")
);
--> statement-breakpoint
CREATE TABLE "reviews"."outbox" (
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
CREATE TABLE "reviews"."ratings" (
	"subject_id" uuid PRIMARY KEY NOT NULL,
	"count" integer NOT NULL,
	"sum" integer NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ratings_sum_in_range" CHECK ("reviews"."ratings"."count" >= 0 AND "reviews"."ratings"."sum" BETWEEN "reviews"."ratings"."count" AND 5 * "reviews"."ratings"."count")
);
--> statement-breakpoint
CREATE INDEX "outbox_pending_idx" ON "reviews"."outbox" USING btree ("seq") WHERE "reviews"."outbox"."published_at" IS NULL;--> statement-breakpoint
ALTER TABLE "reviews"."reviews" ADD CONSTRAINT "reviews_completed_task_fk" FOREIGN KEY ("task_id") REFERENCES "reviews"."completed_tasks"("task_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reviews"."reviews" ADD CONSTRAINT "reviews_comment_length" CHECK (char_length("reviews"."reviews"."comment") <= 2000);--> statement-breakpoint
ALTER TABLE "reviews"."reviews" ADD CONSTRAINT "reviews_not_self" CHECK ("reviews"."reviews"."author_id" <> "reviews"."reviews"."subject_id");