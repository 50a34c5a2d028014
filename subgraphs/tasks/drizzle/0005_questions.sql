CREATE TABLE "tasks"."questions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"task_id" uuid NOT NULL,
	"asker_id" uuid NOT NULL,
	"text" text NOT NULL,
	"answer" text,
	"answered_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "questions_text_length" CHECK (char_length("tasks"."questions"."text") BETWEEN 1 AND 1000),
	CONSTRAINT "questions_answer_length" CHECK ("tasks"."questions"."answer" IS NULL OR char_length("tasks"."questions"."answer") BETWEEN 1 AND 2000),
	CONSTRAINT "questions_answered_together" CHECK (("tasks"."questions"."answer" IS NULL) = ("tasks"."questions"."answered_at" IS NULL))
);
--> statement-breakpoint
ALTER TABLE "tasks"."questions" ADD CONSTRAINT "questions_task_fk" FOREIGN KEY ("task_id") REFERENCES "tasks"."tasks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "questions_task_created_idx" ON "tasks"."questions" USING btree ("task_id","created_at","id");