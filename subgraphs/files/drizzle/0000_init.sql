CREATE SCHEMA "files";
--> statement-breakpoint
CREATE TABLE "files"."dead_letters" (
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
CREATE TABLE "files"."inbox" (
	"consumer" text NOT NULL,
	"event_id" uuid NOT NULL,
	"processed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "inbox_consumer_event_id_pk" PRIMARY KEY("consumer","event_id")
);
--> statement-breakpoint
CREATE TABLE "files"."outbox" (
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
CREATE TABLE "files"."task_posters" (
	"task_id" uuid PRIMARY KEY NOT NULL,
	"poster_id" uuid NOT NULL
);
--> statement-breakpoint
CREATE TABLE "files"."uploads" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"owner_id" uuid NOT NULL,
	"purpose" text NOT NULL,
	"status" text NOT NULL,
	"content_type" text,
	"size_bytes" integer,
	"sha256" text,
	"storage_key" text,
	"parent_type" text,
	"parent_id" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"ticket_expires_at" timestamp (3) with time zone NOT NULL,
	"uploaded_at" timestamp (3) with time zone,
	"attached_at" timestamp (3) with time zone,
	"deleted_at" timestamp (3) with time zone,
	CONSTRAINT "uploads_purpose" CHECK ("files"."uploads"."purpose" IN ('PHOTO', 'DOCUMENT')),
	CONSTRAINT "uploads_status" CHECK ("files"."uploads"."status" IN ('PENDING', 'READY', 'ATTACHED', 'DELETED')),
	CONSTRAINT "uploads_content_type" CHECK ("files"."uploads"."content_type" IS NULL OR "files"."uploads"."content_type" IN ('image/jpeg', 'image/png', 'image/webp', 'image/heic', 'application/pdf')),
	CONSTRAINT "uploads_parent_type" CHECK ("files"."uploads"."parent_type" IS NULL OR "files"."uploads"."parent_type" IN ('TASK', 'EXPENSE')),
	CONSTRAINT "uploads_size" CHECK ("files"."uploads"."size_bytes" IS NULL OR "files"."uploads"."size_bytes" > 0),
	CONSTRAINT "uploads_stored" CHECK ("files"."uploads"."status" NOT IN ('READY', 'ATTACHED') OR ("files"."uploads"."storage_key" IS NOT NULL AND "files"."uploads"."content_type" IS NOT NULL AND "files"."uploads"."size_bytes" IS NOT NULL)),
	CONSTRAINT "uploads_attached" CHECK ("files"."uploads"."status" <> 'ATTACHED' OR ("files"."uploads"."parent_type" IS NOT NULL AND "files"."uploads"."parent_id" IS NOT NULL AND "files"."uploads"."attached_at" IS NOT NULL))
);
--> statement-breakpoint
CREATE INDEX "outbox_pending_idx" ON "files"."outbox" USING btree ("seq") WHERE "files"."outbox"."published_at" IS NULL;--> statement-breakpoint
CREATE INDEX "uploads_parent_idx" ON "files"."uploads" USING btree ("parent_type","parent_id","attached_at") WHERE "files"."uploads"."status" = 'ATTACHED';--> statement-breakpoint
CREATE INDEX "uploads_sweep_idx" ON "files"."uploads" USING btree ("status","created_at") WHERE "files"."uploads"."status" <> 'ATTACHED';