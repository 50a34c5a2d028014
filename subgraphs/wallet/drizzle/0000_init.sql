CREATE SCHEMA "wallet";
--> statement-breakpoint
CREATE TABLE "wallet"."accounts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"owner_id" uuid,
	"currency" text NOT NULL,
	"balance_minor" bigint DEFAULT 0 NOT NULL,
	"held_minor" bigint DEFAULT 0 NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "accounts_kind_owner_currency_unique" UNIQUE NULLS NOT DISTINCT("kind","owner_id","currency"),
	CONSTRAINT "accounts_kind_known" CHECK ("wallet"."accounts"."kind" IN ('user', 'escrow', 'platform', 'external')),
	CONSTRAINT "accounts_owner_only_for_users" CHECK (("wallet"."accounts"."kind" = 'user') = ("wallet"."accounts"."owner_id" IS NOT NULL)),
	CONSTRAINT "accounts_currency_code" CHECK ("wallet"."accounts"."currency" ~ '^[A-Z]{3}$'),
	CONSTRAINT "accounts_held_not_negative" CHECK ("wallet"."accounts"."held_minor" >= 0),
	CONSTRAINT "accounts_user_available_not_negative" CHECK ("wallet"."accounts"."kind" <> 'user' OR "wallet"."accounts"."balance_minor" - "wallet"."accounts"."held_minor" >= 0),
	CONSTRAINT "accounts_only_external_negative" CHECK ("wallet"."accounts"."kind" = 'external' OR "wallet"."accounts"."balance_minor" >= 0)
);
--> statement-breakpoint
CREATE TABLE "wallet"."payments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"task_id" uuid NOT NULL,
	"bid_id" uuid NOT NULL,
	"payer_id" uuid NOT NULL,
	"payee_id" uuid NOT NULL,
	"amount_minor" bigint NOT NULL,
	"fee_minor" bigint,
	"currency" text NOT NULL,
	"status" text DEFAULT 'HELD' NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"resolved_at" timestamp (3) with time zone,
	CONSTRAINT "payments_amount_positive" CHECK ("wallet"."payments"."amount_minor" > 0),
	CONSTRAINT "payments_fee_within_amount" CHECK ("wallet"."payments"."fee_minor" IS NULL OR ("wallet"."payments"."fee_minor" >= 0 AND "wallet"."payments"."fee_minor" <= "wallet"."payments"."amount_minor")),
	CONSTRAINT "payments_currency_code" CHECK ("wallet"."payments"."currency" ~ '^[A-Z]{3}$'),
	CONSTRAINT "payments_status_known" CHECK ("wallet"."payments"."status" IN ('HELD', 'RELEASED', 'REFUNDED')),
	CONSTRAINT "payments_resolved_once" CHECK (("wallet"."payments"."status" = 'HELD') = ("wallet"."payments"."resolved_at" IS NULL)),
	CONSTRAINT "payments_payer_is_not_payee" CHECK ("wallet"."payments"."payer_id" <> "wallet"."payments"."payee_id")
);
--> statement-breakpoint
CREATE TABLE "wallet"."transfers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"debit_account_id" uuid NOT NULL,
	"credit_account_id" uuid NOT NULL,
	"amount_minor" bigint NOT NULL,
	"currency" text NOT NULL,
	"kind" text NOT NULL,
	"reference" text,
	"debit_balance_after_minor" bigint,
	"credit_balance_after_minor" bigint,
	"payment_id" uuid,
	"task_id" uuid,
	"note" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "transfers_amount_positive" CHECK ("wallet"."transfers"."amount_minor" > 0),
	CONSTRAINT "transfers_between_two_accounts" CHECK ("wallet"."transfers"."debit_account_id" <> "wallet"."transfers"."credit_account_id"),
	CONSTRAINT "transfers_currency_code" CHECK ("wallet"."transfers"."currency" ~ '^[A-Z]{3}$'),
	CONSTRAINT "transfers_kind_known" CHECK ("wallet"."transfers"."kind" IN ('deposit', 'withdrawal', 'send', 'escrow_hold', 'escrow_release', 'escrow_refund', 'fee'))
);
--> statement-breakpoint
ALTER TABLE "wallet"."transfers" ADD CONSTRAINT "transfers_debit_account_fk" FOREIGN KEY ("debit_account_id") REFERENCES "wallet"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "wallet"."transfers" ADD CONSTRAINT "transfers_credit_account_fk" FOREIGN KEY ("credit_account_id") REFERENCES "wallet"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "wallet"."transfers" ADD CONSTRAINT "transfers_payment_fk" FOREIGN KEY ("payment_id") REFERENCES "wallet"."payments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "payments_task_unique" ON "wallet"."payments" USING btree ("task_id");--> statement-breakpoint
CREATE UNIQUE INDEX "payments_bid_unique" ON "wallet"."payments" USING btree ("bid_id");--> statement-breakpoint
CREATE INDEX "payments_payer_idx" ON "wallet"."payments" USING btree ("payer_id");--> statement-breakpoint
CREATE INDEX "payments_payee_idx" ON "wallet"."payments" USING btree ("payee_id");--> statement-breakpoint
CREATE UNIQUE INDEX "transfers_reference_unique" ON "wallet"."transfers" USING btree ("reference");--> statement-breakpoint
CREATE INDEX "transfers_debit_history_idx" ON "wallet"."transfers" USING btree ("debit_account_id","created_at","id");--> statement-breakpoint
CREATE INDEX "transfers_credit_history_idx" ON "wallet"."transfers" USING btree ("credit_account_id","created_at","id");