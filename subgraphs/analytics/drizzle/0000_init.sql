CREATE SCHEMA "analytics";
--> statement-breakpoint
CREATE TABLE "analytics"."dead_letters" (
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
CREATE TABLE "analytics"."facts" (
	"event_id" uuid PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"occurred_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "facts_kind_valid" CHECK ("analytics"."facts"."kind" IN ('SIGN_UP', 'TASK_POSTED', 'BID_PLACED', 'TASK_ASSIGNED', 'TASK_COMPLETED', 'TASK_CANCELLED', 'DISPUTE_OPENED'))
);
--> statement-breakpoint
CREATE TABLE "analytics"."inbox" (
	"consumer" text NOT NULL,
	"event_id" uuid NOT NULL,
	"processed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "inbox_consumer_event_id_pk" PRIMARY KEY("consumer","event_id")
);
--> statement-breakpoint
CREATE TABLE "analytics"."outbox" (
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
CREATE TABLE "analytics"."payments" (
	"payment_id" uuid PRIMARY KEY NOT NULL,
	"task_id" uuid NOT NULL,
	"payer_id" uuid NOT NULL,
	"payee_id" uuid NOT NULL,
	"currency" text NOT NULL,
	"amount_minor" integer NOT NULL,
	"state" text NOT NULL,
	"held_at" timestamp (3) with time zone NOT NULL,
	"fee_minor" integer,
	"payout_minor" integer,
	"settled_at" timestamp (3) with time zone,
	CONSTRAINT "payments_state_valid" CHECK ("analytics"."payments"."state" IN ('HELD', 'RELEASED', 'REFUNDED')),
	CONSTRAINT "payments_amount_positive" CHECK ("analytics"."payments"."amount_minor" > 0),
	CONSTRAINT "payments_release_whole" CHECK (("analytics"."payments"."state" = 'RELEASED') = ("analytics"."payments"."fee_minor" IS NOT NULL AND "analytics"."payments"."payout_minor" IS NOT NULL)),
	CONSTRAINT "payments_release_within_amount" CHECK ("analytics"."payments"."fee_minor" IS NULL OR "analytics"."payments"."fee_minor" + "analytics"."payments"."payout_minor" <= "analytics"."payments"."amount_minor"),
	CONSTRAINT "payments_settled_when_not_held" CHECK (("analytics"."payments"."settled_at" IS NULL) = ("analytics"."payments"."state" = 'HELD'))
);
--> statement-breakpoint
CREATE INDEX "facts_kind_time_idx" ON "analytics"."facts" USING btree ("kind","occurred_at");--> statement-breakpoint
CREATE INDEX "outbox_pending_idx" ON "analytics"."outbox" USING btree ("seq") WHERE "analytics"."outbox"."published_at" IS NULL;--> statement-breakpoint
CREATE INDEX "payments_state_idx" ON "analytics"."payments" USING btree ("state","currency");--> statement-breakpoint
CREATE INDEX "payments_held_idx" ON "analytics"."payments" USING btree ("held_at");--> statement-breakpoint
CREATE INDEX "payments_settled_idx" ON "analytics"."payments" USING btree ("settled_at");