CREATE TABLE "wallet"."dead_letters" (
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
CREATE TABLE "wallet"."idempotency_keys" (
	"user_id" uuid NOT NULL,
	"key" text NOT NULL,
	"request_id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"operation" text NOT NULL,
	"request_hash" text NOT NULL,
	"params" jsonb NOT NULL,
	"status" text DEFAULT 'in_progress' NOT NULL,
	"phase" text DEFAULT 'claimed' NOT NULL,
	"transfer_id" uuid,
	"response" jsonb,
	"lock_token" uuid DEFAULT gen_random_uuid() NOT NULL,
	"locked_until" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	CONSTRAINT "idempotency_keys_pk" PRIMARY KEY("user_id","key"),
	CONSTRAINT "idempotency_keys_key_length" CHECK (length("wallet"."idempotency_keys"."key") BETWEEN 1 AND 255),
	CONSTRAINT "idempotency_keys_operation_known" CHECK ("wallet"."idempotency_keys"."operation" IN ('deposit', 'withdraw', 'send')),
	CONSTRAINT "idempotency_keys_status_known" CHECK ("wallet"."idempotency_keys"."status" IN ('in_progress', 'done')),
	CONSTRAINT "idempotency_keys_phase_known" CHECK ("wallet"."idempotency_keys"."phase" IN ('claimed', 'debited')),
	CONSTRAINT "idempotency_keys_done_has_response" CHECK (("wallet"."idempotency_keys"."status" = 'done') = ("wallet"."idempotency_keys"."response" IS NOT NULL)),
	CONSTRAINT "idempotency_keys_kept_a_day" CHECK ("wallet"."idempotency_keys"."expires_at" >= "wallet"."idempotency_keys"."created_at" + interval '24 hours')
);
--> statement-breakpoint
CREATE TABLE "wallet"."inbox" (
	"consumer" text NOT NULL,
	"event_id" uuid NOT NULL,
	"processed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "inbox_consumer_event_id_pk" PRIMARY KEY("consumer","event_id")
);
--> statement-breakpoint
CREATE TABLE "wallet"."outbox" (
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
CREATE TABLE "wallet"."provider_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"operation" text NOT NULL,
	"request_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"amount_minor" bigint NOT NULL,
	"currency" text NOT NULL,
	"status" text NOT NULL,
	"decline_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "provider_requests_operation_known" CHECK ("wallet"."provider_requests"."operation" IN ('charge', 'payout')),
	CONSTRAINT "provider_requests_status_known" CHECK ("wallet"."provider_requests"."status" IN ('succeeded', 'declined')),
	CONSTRAINT "provider_requests_amount_positive" CHECK ("wallet"."provider_requests"."amount_minor" > 0),
	CONSTRAINT "provider_requests_currency_code" CHECK ("wallet"."provider_requests"."currency" ~ '^[A-Z]{3}$'),
	CONSTRAINT "provider_requests_declined_has_reason" CHECK (("wallet"."provider_requests"."status" = 'declined') = ("wallet"."provider_requests"."decline_reason" IS NOT NULL))
);
--> statement-breakpoint
ALTER TABLE "wallet"."transfers" DROP CONSTRAINT "transfers_kind_known";--> statement-breakpoint
CREATE UNIQUE INDEX "idempotency_keys_request_unique" ON "wallet"."idempotency_keys" USING btree ("request_id");--> statement-breakpoint
CREATE INDEX "idempotency_keys_expiry_idx" ON "wallet"."idempotency_keys" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "idempotency_keys_unfinished_idx" ON "wallet"."idempotency_keys" USING btree ("locked_until") WHERE "wallet"."idempotency_keys"."status" = 'in_progress';--> statement-breakpoint
CREATE INDEX "outbox_pending_idx" ON "wallet"."outbox" USING btree ("seq") WHERE "wallet"."outbox"."published_at" IS NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "provider_requests_request_unique" ON "wallet"."provider_requests" USING btree ("operation","request_id");--> statement-breakpoint
CREATE INDEX "provider_requests_user_idx" ON "wallet"."provider_requests" USING btree ("user_id","created_at");--> statement-breakpoint
ALTER TABLE "wallet"."transfers" ADD CONSTRAINT "transfers_kind_known" CHECK ("wallet"."transfers"."kind" IN ('deposit', 'withdrawal', 'send', 'escrow_hold', 'escrow_release', 'escrow_refund', 'fee', 'withdrawal_reversal'));