CREATE TABLE "files"."expense_payers" (
	"expense_id" uuid PRIMARY KEY NOT NULL,
	"group_id" uuid NOT NULL,
	"payer_id" uuid NOT NULL
);
--> statement-breakpoint
CREATE TABLE "files"."group_members" (
	"group_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	CONSTRAINT "group_members_group_id_user_id_pk" PRIMARY KEY("group_id","user_id")
);
--> statement-breakpoint
ALTER TABLE "files"."task_posters" ADD COLUMN "hidden_at" timestamp (3) with time zone;