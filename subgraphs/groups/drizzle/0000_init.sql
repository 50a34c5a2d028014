CREATE SCHEMA "groups";
--> statement-breakpoint
CREATE TABLE "groups"."dead_letters" (
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
CREATE TABLE "groups"."expense_shares" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"expense_id" uuid NOT NULL,
	"group_id" uuid NOT NULL,
	"debtor_id" uuid NOT NULL,
	"creditor_id" uuid NOT NULL,
	"amount_minor" integer NOT NULL,
	"currency" text NOT NULL,
	"position" integer NOT NULL,
	CONSTRAINT "expense_shares_amount" CHECK ("groups"."expense_shares"."amount_minor" >= 0)
);
--> statement-breakpoint
CREATE TABLE "groups"."expenses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"group_id" uuid NOT NULL,
	"description" text NOT NULL,
	"amount_minor" integer NOT NULL,
	"currency" text NOT NULL,
	"spent_on" date NOT NULL,
	"payer_id" uuid NOT NULL,
	"split_method" text NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "expenses_amount_positive" CHECK ("groups"."expenses"."amount_minor" > 0),
	CONSTRAINT "expenses_description_length" CHECK (char_length("groups"."expenses"."description") BETWEEN 1 AND 200)
);
--> statement-breakpoint
CREATE TABLE "groups"."group_tasks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"group_id" uuid NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"poster_id" uuid NOT NULL,
	"assignee_id" uuid NOT NULL,
	"reward_points" integer DEFAULT 0 NOT NULL,
	"due_at" timestamp (3) with time zone,
	"status" text DEFAULT 'ASSIGNED' NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"completed_at" timestamp (3) with time zone,
	CONSTRAINT "group_tasks_status" CHECK ("groups"."group_tasks"."status" IN ('ASSIGNED', 'DONE', 'COMPLETED', 'CANCELLED')),
	CONSTRAINT "group_tasks_reward_range" CHECK ("groups"."group_tasks"."reward_points" BETWEEN 0 AND 10000),
	CONSTRAINT "group_tasks_title_length" CHECK (char_length("groups"."group_tasks"."title") BETWEEN 1 AND 120)
);
--> statement-breakpoint
CREATE TABLE "groups"."groups" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "groups_name_length" CHECK (char_length("groups"."groups"."name") BETWEEN 1 AND 80)
);
--> statement-breakpoint
CREATE TABLE "groups"."inbox" (
	"consumer" text NOT NULL,
	"event_id" uuid NOT NULL,
	"processed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "inbox_consumer_event_id_pk" PRIMARY KEY("consumer","event_id")
);
--> statement-breakpoint
CREATE TABLE "groups"."invitations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"group_id" uuid NOT NULL,
	"email" text NOT NULL,
	"invited_by" uuid NOT NULL,
	"status" text DEFAULT 'PENDING' NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"answered_at" timestamp (3) with time zone,
	CONSTRAINT "invitations_status" CHECK ("groups"."invitations"."status" IN ('PENDING', 'ACCEPTED', 'DECLINED')),
	CONSTRAINT "invitations_email_lower" CHECK ("groups"."invitations"."email" = lower("groups"."invitations"."email"))
);
--> statement-breakpoint
CREATE TABLE "groups"."known_users" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"email" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "groups"."memberships" (
	"group_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"role" text NOT NULL,
	"joined_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "memberships_group_id_user_id_pk" PRIMARY KEY("group_id","user_id"),
	CONSTRAINT "memberships_role" CHECK ("groups"."memberships"."role" IN ('OWNER', 'MEMBER'))
);
--> statement-breakpoint
CREATE TABLE "groups"."outbox" (
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
CREATE TABLE "groups"."point_transfers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"group_id" uuid NOT NULL,
	"from_user_id" uuid,
	"to_user_id" uuid NOT NULL,
	"points" integer NOT NULL,
	"task_id" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "point_transfers_positive" CHECK ("groups"."point_transfers"."points" > 0)
);
--> statement-breakpoint
CREATE TABLE "groups"."settlements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"group_id" uuid NOT NULL,
	"from_user_id" uuid NOT NULL,
	"to_user_id" uuid NOT NULL,
	"amount_minor" integer NOT NULL,
	"currency" text NOT NULL,
	"share_id" uuid,
	"method" text NOT NULL,
	"wallet_transaction_id" uuid,
	"recorded_by" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "settlements_amount_positive" CHECK ("groups"."settlements"."amount_minor" > 0),
	CONSTRAINT "settlements_two_members" CHECK ("groups"."settlements"."from_user_id" <> "groups"."settlements"."to_user_id"),
	CONSTRAINT "settlements_method" CHECK ("groups"."settlements"."method" IN ('IN_APP', 'OUTSIDE'))
);
--> statement-breakpoint
ALTER TABLE "groups"."expense_shares" ADD CONSTRAINT "expense_shares_expense_id_expenses_id_fk" FOREIGN KEY ("expense_id") REFERENCES "groups"."expenses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "groups"."expense_shares" ADD CONSTRAINT "expense_shares_group_id_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "groups"."groups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "groups"."expenses" ADD CONSTRAINT "expenses_group_id_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "groups"."groups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "groups"."group_tasks" ADD CONSTRAINT "group_tasks_group_id_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "groups"."groups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "groups"."invitations" ADD CONSTRAINT "invitations_group_id_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "groups"."groups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "groups"."memberships" ADD CONSTRAINT "memberships_group_id_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "groups"."groups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "groups"."point_transfers" ADD CONSTRAINT "point_transfers_group_id_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "groups"."groups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "groups"."point_transfers" ADD CONSTRAINT "point_transfers_task_id_group_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "groups"."group_tasks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "groups"."settlements" ADD CONSTRAINT "settlements_group_id_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "groups"."groups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "groups"."settlements" ADD CONSTRAINT "settlements_share_id_expense_shares_id_fk" FOREIGN KEY ("share_id") REFERENCES "groups"."expense_shares"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "expense_shares_member_unique" ON "groups"."expense_shares" USING btree ("expense_id","debtor_id");--> statement-breakpoint
CREATE INDEX "expense_shares_group_idx" ON "groups"."expense_shares" USING btree ("group_id");--> statement-breakpoint
CREATE INDEX "expenses_group_idx" ON "groups"."expenses" USING btree ("group_id","created_at");--> statement-breakpoint
CREATE INDEX "group_tasks_group_idx" ON "groups"."group_tasks" USING btree ("group_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "invitations_pending_unique" ON "groups"."invitations" USING btree ("group_id","email") WHERE "groups"."invitations"."status" = 'PENDING';--> statement-breakpoint
CREATE INDEX "invitations_email_idx" ON "groups"."invitations" USING btree ("email","created_at");--> statement-breakpoint
CREATE INDEX "memberships_user_idx" ON "groups"."memberships" USING btree ("user_id","joined_at");--> statement-breakpoint
CREATE INDEX "outbox_pending_idx" ON "groups"."outbox" USING btree ("seq") WHERE "groups"."outbox"."published_at" IS NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "point_transfers_task_unique" ON "groups"."point_transfers" USING btree ("task_id");--> statement-breakpoint
CREATE INDEX "point_transfers_group_idx" ON "groups"."point_transfers" USING btree ("group_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "settlements_share_unique" ON "groups"."settlements" USING btree ("share_id");--> statement-breakpoint
CREATE UNIQUE INDEX "settlements_wallet_tx_unique" ON "groups"."settlements" USING btree ("wallet_transaction_id");--> statement-breakpoint
CREATE INDEX "settlements_group_idx" ON "groups"."settlements" USING btree ("group_id","created_at");--> statement-breakpoint
-- The points ledger and the settlements are append-only: a correction is a new entry, never an
-- edit. Enforced here so no code path (or hand-written SQL) can rewrite history.
CREATE FUNCTION "groups"."refuse_ledger_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '%.% is append-only: % refused; record a correcting entry instead', TG_TABLE_SCHEMA, TG_TABLE_NAME, TG_OP
    USING ERRCODE = 'restrict_violation';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "point_transfers_append_only"
  BEFORE UPDATE OR DELETE ON "groups"."point_transfers"
  FOR EACH ROW EXECUTE FUNCTION "groups"."refuse_ledger_change"();
--> statement-breakpoint
CREATE TRIGGER "settlements_append_only"
  BEFORE UPDATE OR DELETE ON "groups"."settlements"
  FOR EACH ROW EXECUTE FUNCTION "groups"."refuse_ledger_change"();
