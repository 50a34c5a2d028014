CREATE TABLE "users"."audit_log" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"action" text NOT NULL,
	"actor_id" uuid,
	"target_kind" text NOT NULL,
	"target_id" uuid NOT NULL,
	"details" text,
	"request_id" text,
	"occurred_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "audit_log_action_valid" CHECK ("users"."audit_log"."action" IN ('SIGNED_IN','PASSWORD_CHANGED','PROFILE_UPDATED','ROLE_GRANTED','ROLE_REVOKED','USER_SUSPENDED','USER_UNSUSPENDED','TASK_HIDDEN','TASK_UNHIDDEN')),
	CONSTRAINT "audit_log_target_kind_valid" CHECK ("users"."audit_log"."target_kind" IN ('USER','TASK')),
	CONSTRAINT "audit_log_details_length" CHECK ("users"."audit_log"."details" IS NULL OR char_length("users"."audit_log"."details") <= 2000)
);
--> statement-breakpoint
ALTER TABLE "users"."users" ADD COLUMN "suspended_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "users"."users" ADD COLUMN "suspension_reason" text;--> statement-breakpoint
CREATE INDEX "audit_log_time_idx" ON "users"."audit_log" USING btree ("occurred_at","id");--> statement-breakpoint
CREATE INDEX "audit_log_target_idx" ON "users"."audit_log" USING btree ("target_id","occurred_at");--> statement-breakpoint
CREATE INDEX "audit_log_actor_idx" ON "users"."audit_log" USING btree ("actor_id","occurred_at");--> statement-breakpoint
ALTER TABLE "users"."users" ADD CONSTRAINT "users_suspension_whole" CHECK (("users"."users"."suspended_at" IS NULL) = ("users"."users"."suspension_reason" IS NULL));--> statement-breakpoint
-- The audit log is append-only: no code path (or hand-written SQL) can rewrite or erase history.
CREATE FUNCTION "users"."refuse_audit_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'users.audit_log is append-only: % refused', TG_OP
    USING ERRCODE = 'restrict_violation';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "audit_log_append_only"
  BEFORE UPDATE OR DELETE ON "users"."audit_log"
  FOR EACH ROW EXECUTE FUNCTION "users"."refuse_audit_change"();
--> statement-breakpoint
CREATE TRIGGER "audit_log_no_truncate"
  BEFORE TRUNCATE ON "users"."audit_log"
  FOR EACH STATEMENT EXECUTE FUNCTION "users"."refuse_audit_change"();
