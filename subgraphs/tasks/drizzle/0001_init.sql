CREATE SCHEMA "tasks";
--> statement-breakpoint
CREATE TYPE "tasks"."task_category" AS ENUM('CLEANING', 'MOVING', 'HANDYMAN', 'DELIVERY', 'GARDENING', 'TECH', 'OTHER');--> statement-breakpoint
CREATE TYPE "tasks"."task_status" AS ENUM('OPEN', 'ASSIGNED', 'DONE', 'COMPLETED', 'CANCELLED');--> statement-breakpoint
CREATE TABLE "tasks"."tasks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"poster_id" uuid NOT NULL,
	"assignee_id" uuid,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"category" "tasks"."task_category" NOT NULL,
	"budget_amount_minor" integer NOT NULL,
	"budget_currency" text NOT NULL,
	"lat" double precision,
	"lng" double precision,
	"address" text,
	"due_at" timestamp (3) with time zone,
	"status" "tasks"."task_status" DEFAULT 'OPEN' NOT NULL,
	"search" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector('english', "title"), 'A') || setweight(to_tsvector('english', "description"), 'B')) STORED NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "tasks_title_length" CHECK (char_length("tasks"."tasks"."title") BETWEEN 3 AND 120),
	CONSTRAINT "tasks_description_length" CHECK (char_length("tasks"."tasks"."description") <= 5000),
	CONSTRAINT "tasks_budget_positive" CHECK ("tasks"."tasks"."budget_amount_minor" > 0 AND "tasks"."tasks"."budget_amount_minor" <= 1000000000),
	CONSTRAINT "tasks_budget_currency" CHECK ("tasks"."tasks"."budget_currency" IN ('USD', 'EUR', 'GBP')),
	CONSTRAINT "tasks_location_complete" CHECK (("tasks"."tasks"."lat" IS NULL) = ("tasks"."tasks"."lng" IS NULL) AND ("tasks"."tasks"."address" IS NULL OR "tasks"."tasks"."lat" IS NOT NULL)),
	CONSTRAINT "tasks_lat_range" CHECK ("tasks"."tasks"."lat" BETWEEN -90 AND 90),
	CONSTRAINT "tasks_lng_range" CHECK ("tasks"."tasks"."lng" BETWEEN -180 AND 180),
	CONSTRAINT "tasks_assignee_matches_status" CHECK (("tasks"."tasks"."status" = 'OPEN' AND "tasks"."tasks"."assignee_id" IS NULL) OR "tasks"."tasks"."status" = 'CANCELLED' OR "tasks"."tasks"."assignee_id" IS NOT NULL)
);
--> statement-breakpoint
CREATE INDEX "tasks_created_idx" ON "tasks"."tasks" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "tasks_poster_created_idx" ON "tasks"."tasks" USING btree ("poster_id","created_at","id");--> statement-breakpoint
CREATE INDEX "tasks_assignee_created_idx" ON "tasks"."tasks" USING btree ("assignee_id","created_at","id");--> statement-breakpoint
CREATE INDEX "tasks_status_created_idx" ON "tasks"."tasks" USING btree ("status","created_at","id");--> statement-breakpoint
CREATE INDEX "tasks_search_idx" ON "tasks"."tasks" USING gin ("search");--> statement-breakpoint
CREATE INDEX "tasks_location_idx" ON "tasks"."tasks" USING gist (ll_to_earth("lat", "lng"));