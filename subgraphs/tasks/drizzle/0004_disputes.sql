ALTER TYPE "tasks"."task_status" ADD VALUE 'DISPUTED' BEFORE 'COMPLETED';--> statement-breakpoint
CREATE TABLE "tasks"."dispute_messages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"dispute_id" uuid NOT NULL,
	"author_id" uuid NOT NULL,
	"body" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "dispute_messages_body_length" CHECK (char_length("tasks"."dispute_messages"."body") BETWEEN 1 AND 2000)
);
--> statement-breakpoint
CREATE TABLE "tasks"."disputes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"task_id" uuid NOT NULL,
	"payment_id" uuid NOT NULL,
	"opened_by" uuid NOT NULL,
	"reason" text NOT NULL,
	"details" text NOT NULL,
	"status" text DEFAULT 'OPEN' NOT NULL,
	"previous_status" "tasks"."task_status" NOT NULL,
	"refund_minor" bigint,
	"release_minor" bigint,
	"currency" text NOT NULL,
	"resolved_by" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"resolved_at" timestamp (3) with time zone,
	CONSTRAINT "disputes_status_known" CHECK ("tasks"."disputes"."status" IN ('OPEN', 'RESOLVED', 'DISMISSED')),
	CONSTRAINT "disputes_reason_known" CHECK ("tasks"."disputes"."reason" IN ('WORK_NOT_DONE', 'POOR_QUALITY', 'NOT_AS_DESCRIBED', 'NO_SHOW', 'OTHER')),
	CONSTRAINT "disputes_details_length" CHECK (char_length("tasks"."disputes"."details") <= 5000),
	CONSTRAINT "disputes_previous_status" CHECK ("tasks"."disputes"."previous_status"::text IN ('ASSIGNED', 'DONE')),
	CONSTRAINT "disputes_split_on_resolved" CHECK (("tasks"."disputes"."status" = 'RESOLVED') = ("tasks"."disputes"."refund_minor" IS NOT NULL AND "tasks"."disputes"."release_minor" IS NOT NULL)),
	CONSTRAINT "disputes_split_not_negative" CHECK ("tasks"."disputes"."refund_minor" >= 0 AND "tasks"."disputes"."release_minor" >= 0),
	CONSTRAINT "disputes_closed_once" CHECK (("tasks"."disputes"."status" = 'OPEN') = ("tasks"."disputes"."resolved_at" IS NULL) AND ("tasks"."disputes"."resolved_at" IS NULL) = ("tasks"."disputes"."resolved_by" IS NULL))
);
--> statement-breakpoint
CREATE TABLE "tasks"."withdrawals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"task_id" uuid NOT NULL,
	"tasker_id" uuid NOT NULL,
	"bid_id" uuid NOT NULL,
	"payment_id" uuid NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "tasks"."tasks" DROP CONSTRAINT "tasks_done_at_matches_status";--> statement-breakpoint
ALTER TABLE "tasks"."tasks" ADD COLUMN "escrow_amount_minor" bigint;--> statement-breakpoint
ALTER TABLE "tasks"."tasks" ADD COLUMN "escrow_currency" text;--> statement-breakpoint
ALTER TABLE "tasks"."dispute_messages" ADD CONSTRAINT "dispute_messages_dispute_id_disputes_id_fk" FOREIGN KEY ("dispute_id") REFERENCES "tasks"."disputes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "dispute_messages_dispute_created_idx" ON "tasks"."dispute_messages" USING btree ("dispute_id","created_at","id");--> statement-breakpoint
CREATE UNIQUE INDEX "disputes_one_open_per_task" ON "tasks"."disputes" USING btree ("task_id") WHERE "tasks"."disputes"."status" = 'OPEN';--> statement-breakpoint
CREATE INDEX "disputes_task_created_idx" ON "tasks"."disputes" USING btree ("task_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "withdrawals_payment_unique" ON "tasks"."withdrawals" USING btree ("payment_id");--> statement-breakpoint
CREATE INDEX "withdrawals_tasker_idx" ON "tasks"."withdrawals" USING btree ("tasker_id");--> statement-breakpoint
ALTER TABLE "tasks"."tasks" ADD CONSTRAINT "tasks_done_at_matches_status" CHECK (CASE WHEN "tasks"."tasks"."status"::text IN ('DONE', 'COMPLETED') THEN "tasks"."tasks"."done_at" IS NOT NULL WHEN "tasks"."tasks"."status"::text IN ('OPEN', 'ASSIGNED') THEN "tasks"."tasks"."done_at" IS NULL ELSE true END);