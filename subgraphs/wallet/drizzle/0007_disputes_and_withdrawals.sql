CREATE TABLE "wallet"."payment_disputes" (
	"dispute_id" uuid PRIMARY KEY NOT NULL,
	"payment_id" uuid NOT NULL,
	"status" text NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "payment_disputes_status_known" CHECK ("wallet"."payment_disputes"."status" IN ('OPEN', 'RESOLVED', 'DISMISSED'))
);
--> statement-breakpoint
ALTER TABLE "wallet"."payments" DROP CONSTRAINT "payments_status_known";--> statement-breakpoint
ALTER TABLE "wallet"."transfers" DROP CONSTRAINT "transfers_kind_known";--> statement-breakpoint
DROP INDEX "wallet"."payments_task_unique";--> statement-breakpoint
ALTER TABLE "wallet"."payments" ADD COLUMN "refund_minor" bigint;--> statement-breakpoint
ALTER TABLE "wallet"."payment_disputes" ADD CONSTRAINT "payment_disputes_payment_id_payments_id_fk" FOREIGN KEY ("payment_id") REFERENCES "wallet"."payments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "payment_disputes_open_idx" ON "wallet"."payment_disputes" USING btree ("payment_id") WHERE "wallet"."payment_disputes"."status" = 'OPEN';--> statement-breakpoint
CREATE UNIQUE INDEX "payments_task_held_unique" ON "wallet"."payments" USING btree ("task_id") WHERE "wallet"."payments"."status" = 'HELD';--> statement-breakpoint
CREATE INDEX "payments_task_idx" ON "wallet"."payments" USING btree ("task_id");--> statement-breakpoint
ALTER TABLE "wallet"."payments" ADD CONSTRAINT "payments_split_refund" CHECK (("wallet"."payments"."status" = 'SPLIT') = ("wallet"."payments"."refund_minor" IS NOT NULL) AND ("wallet"."payments"."refund_minor" IS NULL OR ("wallet"."payments"."refund_minor" >= 0 AND "wallet"."payments"."refund_minor" + coalesce("wallet"."payments"."fee_minor", 0) <= "wallet"."payments"."amount_minor")));--> statement-breakpoint
ALTER TABLE "wallet"."payments" ADD CONSTRAINT "payments_status_known" CHECK ("wallet"."payments"."status" IN ('HELD', 'RELEASED', 'REFUNDED', 'SPLIT'));--> statement-breakpoint
ALTER TABLE "wallet"."transfers" ADD CONSTRAINT "transfers_kind_known" CHECK ("wallet"."transfers"."kind" IN ('deposit', 'withdrawal', 'send', 'escrow_hold', 'escrow_release', 'escrow_refund', 'fee', 'withdrawal_reversal', 'dispute_refund', 'dispute_release'));