CREATE TABLE "wallet"."payout_destinations" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"holder_name" text NOT NULL,
	"account_mask" text NOT NULL,
	"provider_ref" uuid NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "wallet"."payout_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"day" date NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp (3) with time zone,
	"paid_count" integer DEFAULT 0 NOT NULL,
	"failed_count" integer DEFAULT 0 NOT NULL,
	"pending_count" integer DEFAULT 0 NOT NULL,
	"totals" jsonb DEFAULT '[]'::jsonb NOT NULL,
	CONSTRAINT "payout_runs_counts_nonnegative" CHECK ("wallet"."payout_runs"."paid_count" >= 0 AND "wallet"."payout_runs"."failed_count" >= 0 AND "wallet"."payout_runs"."pending_count" >= 0)
);
--> statement-breakpoint
CREATE TABLE "wallet"."payouts" (
	"id" uuid PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"day" date NOT NULL,
	"currency" text NOT NULL,
	"amount_minor" bigint NOT NULL,
	"run_id" uuid NOT NULL,
	"destination_ref" uuid NOT NULL,
	"account_mask" text NOT NULL,
	"transfer_id" uuid NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"provider_ref" text,
	"failure_reason" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"settled_at" timestamp (3) with time zone,
	CONSTRAINT "payouts_amount_positive" CHECK ("wallet"."payouts"."amount_minor" > 0),
	CONSTRAINT "payouts_currency_code" CHECK ("wallet"."payouts"."currency" ~ '^[A-Z]{3}$'),
	CONSTRAINT "payouts_status_known" CHECK ("wallet"."payouts"."status" IN ('pending', 'paid', 'failed')),
	CONSTRAINT "payouts_settled_once" CHECK (("wallet"."payouts"."status" = 'pending') = ("wallet"."payouts"."settled_at" IS NULL)),
	CONSTRAINT "payouts_failed_has_reason" CHECK (("wallet"."payouts"."status" = 'failed') = ("wallet"."payouts"."failure_reason" IS NOT NULL))
);
--> statement-breakpoint
CREATE TABLE "wallet"."provider_destinations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"holder_name" text NOT NULL,
	"account_number" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "provider_destinations_iban_shape" CHECK ("wallet"."provider_destinations"."account_number" ~ '^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$')
);
--> statement-breakpoint
ALTER TABLE "wallet"."provider_requests" ADD COLUMN "destination_ref" uuid;--> statement-breakpoint
ALTER TABLE "wallet"."payouts" ADD CONSTRAINT "payouts_run_fk" FOREIGN KEY ("run_id") REFERENCES "wallet"."payout_runs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "wallet"."payouts" ADD CONSTRAINT "payouts_transfer_fk" FOREIGN KEY ("transfer_id") REFERENCES "wallet"."transfers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "payout_runs_newest_idx" ON "wallet"."payout_runs" USING btree ("created_at","id");--> statement-breakpoint
CREATE UNIQUE INDEX "payouts_user_day_unique" ON "wallet"."payouts" USING btree ("user_id","day","currency");--> statement-breakpoint
CREATE INDEX "payouts_pending_idx" ON "wallet"."payouts" USING btree ("created_at") WHERE "wallet"."payouts"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "provider_destinations_user_idx" ON "wallet"."provider_destinations" USING btree ("user_id");