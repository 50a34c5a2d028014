CREATE SCHEMA "reviews";
--> statement-breakpoint
CREATE TABLE "reviews"."reviews" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"task_id" uuid NOT NULL,
	"author_id" uuid NOT NULL,
	"subject_id" uuid NOT NULL,
	"rating" integer NOT NULL,
	"comment" text DEFAULT '' NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "rating_range" CHECK ("reviews"."reviews"."rating" BETWEEN 1 AND 5)
);
--> statement-breakpoint
CREATE UNIQUE INDEX "reviews_task_author_unique" ON "reviews"."reviews" USING btree ("task_id","author_id");--> statement-breakpoint
CREATE INDEX "reviews_subject_idx" ON "reviews"."reviews" USING btree ("subject_id","created_at");