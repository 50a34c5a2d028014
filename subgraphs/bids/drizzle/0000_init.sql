CREATE SCHEMA "bids";
--> statement-breakpoint
CREATE TABLE "bids"."bids" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"task_id" uuid NOT NULL,
	"tasker_id" uuid NOT NULL,
	"amount_minor" bigint NOT NULL,
	"currency" text NOT NULL,
	"message" text NOT NULL,
	"status" text DEFAULT 'PENDING' NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "bids_amount_positive" CHECK ("bids"."bids"."amount_minor" > 0),
	CONSTRAINT "bids_currency_code" CHECK ("bids"."bids"."currency" ~ '^[A-Z]{3}$'),
	CONSTRAINT "bids_status_known" CHECK ("bids"."bids"."status" IN ('PENDING', 'ACCEPTING', 'ACCEPTED', 'REJECTED', 'WITHDRAWN'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX "bids_one_active_per_tasker" ON "bids"."bids" USING btree ("task_id","tasker_id") WHERE status IN ('PENDING', 'ACCEPTING', 'ACCEPTED');--> statement-breakpoint
CREATE INDEX "bids_task_created_idx" ON "bids"."bids" USING btree ("task_id","created_at","id");--> statement-breakpoint
CREATE INDEX "bids_tasker_created_idx" ON "bids"."bids" USING btree ("tasker_id","created_at","id");