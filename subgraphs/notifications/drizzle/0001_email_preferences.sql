CREATE TABLE "notifications"."email_outbox" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"event_id" uuid NOT NULL,
	"recipient_id" uuid NOT NULL,
	"channel" text DEFAULT 'EMAIL' NOT NULL,
	"kind" text NOT NULL,
	"notification_id" uuid,
	"to_address" text NOT NULL,
	"subject" text NOT NULL,
	"text_body" text NOT NULL,
	"html_body" text NOT NULL,
	"unsubscribe_url" text NOT NULL,
	"status" text DEFAULT 'PENDING' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"last_error" text,
	"sent_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "email_outbox_status" CHECK ("notifications"."email_outbox"."status" IN ('PENDING', 'SENT', 'FAILED'))
);
--> statement-breakpoint
CREATE TABLE "notifications"."preferences" (
	"user_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"channel" text NOT NULL,
	"enabled" boolean NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "preferences_user_id_kind_channel_pk" PRIMARY KEY("user_id","kind","channel"),
	CONSTRAINT "preferences_channel" CHECK ("notifications"."preferences"."channel" IN ('IN_APP', 'EMAIL'))
);
--> statement-breakpoint
CREATE TABLE "notifications"."recipients" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"email" text NOT NULL,
	"name" text
);
--> statement-breakpoint
CREATE UNIQUE INDEX "email_outbox_event_recipient_channel_unique" ON "notifications"."email_outbox" USING btree ("event_id","recipient_id","channel");--> statement-breakpoint
CREATE INDEX "email_outbox_due_idx" ON "notifications"."email_outbox" USING btree ("next_attempt_at") WHERE "notifications"."email_outbox"."status" = 'PENDING';