CREATE TABLE "bids"."dead_letters" (
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
CREATE TABLE "bids"."inbox" (
	"consumer" text NOT NULL,
	"event_id" uuid NOT NULL,
	"processed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "inbox_consumer_event_id_pk" PRIMARY KEY("consumer","event_id")
);
--> statement-breakpoint
CREATE TABLE "bids"."outbox" (
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
CREATE TABLE "bids"."task_replica" (
	"task_id" uuid PRIMARY KEY NOT NULL,
	"poster_id" uuid NOT NULL,
	"status" text NOT NULL,
	"budget_minor" bigint,
	"currency" text,
	"due_at" timestamp (3) with time zone,
	"last_event_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "task_replica_status_known" CHECK ("bids"."task_replica"."status" IN ('OPEN', 'ASSIGNED', 'DONE', 'COMPLETED', 'CANCELLED')),
	CONSTRAINT "task_replica_budget_complete" CHECK (("bids"."task_replica"."budget_minor" IS NULL) = ("bids"."task_replica"."currency" IS NULL)),
	CONSTRAINT "task_replica_budget_positive" CHECK ("bids"."task_replica"."budget_minor" > 0),
	CONSTRAINT "task_replica_currency_code" CHECK ("bids"."task_replica"."currency" ~ '^[A-Z]{3}$'),
	CONSTRAINT "task_replica_open_has_budget" CHECK ("bids"."task_replica"."status" <> 'OPEN' OR "bids"."task_replica"."budget_minor" IS NOT NULL)
);
--> statement-breakpoint
CREATE INDEX "outbox_pending_idx" ON "bids"."outbox" USING btree ("seq") WHERE "bids"."outbox"."published_at" IS NULL;--> statement-breakpoint
ALTER TABLE "bids"."bids" ADD CONSTRAINT "bids_message_length" CHECK (char_length("bids"."bids"."message") <= 2000);