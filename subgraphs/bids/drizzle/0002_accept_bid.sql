ALTER TABLE "bids"."bids" ADD COLUMN "last_accept_failure" text;--> statement-breakpoint
ALTER TABLE "bids"."bids" ADD COLUMN "last_accept_failure_at" timestamp (3) with time zone;--> statement-breakpoint
CREATE UNIQUE INDEX "bids_one_accepted_per_task" ON "bids"."bids" USING btree ("task_id") WHERE status IN ('ACCEPTING', 'ACCEPTED');--> statement-breakpoint
ALTER TABLE "bids"."bids" ADD CONSTRAINT "bids_accept_failure_known" CHECK ("bids"."bids"."last_accept_failure" IN ('INSUFFICIENT_FUNDS', 'CURRENCY_MISMATCH'));--> statement-breakpoint
ALTER TABLE "bids"."bids" ADD CONSTRAINT "bids_accept_failure_complete" CHECK (("bids"."bids"."last_accept_failure" IS NULL) = ("bids"."bids"."last_accept_failure_at" IS NULL));