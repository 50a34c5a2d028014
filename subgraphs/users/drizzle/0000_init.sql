CREATE SCHEMA "users";
--> statement-breakpoint
CREATE TABLE "users"."refresh_tokens" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"family_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"replaced_by" uuid,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "refresh_tokens_replaced_when_used" CHECK (("users"."refresh_tokens"."replaced_by" IS NULL) OR ("users"."refresh_tokens"."used_at" IS NOT NULL))
);
--> statement-breakpoint
CREATE TABLE "users"."users" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"email" text NOT NULL,
	"password_hash" text NOT NULL,
	"name" text NOT NULL,
	"roles" text[] NOT NULL,
	"bio" text,
	"skills" text[] DEFAULT '{}'::text[] NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_email_normalized" CHECK ("users"."users"."email" = lower(btrim("users"."users"."email"))),
	CONSTRAINT "users_roles_valid" CHECK (cardinality("users"."users"."roles") >= 1 AND "users"."users"."roles" <@ ARRAY['POSTER','TASKER','ADMIN']::text[]),
	CONSTRAINT "users_name_length" CHECK (char_length("users"."users"."name") BETWEEN 1 AND 100),
	CONSTRAINT "users_bio_length" CHECK ("users"."users"."bio" IS NULL OR char_length("users"."users"."bio") <= 1000),
	CONSTRAINT "users_skills_count" CHECK (cardinality("users"."users"."skills") <= 20)
);
--> statement-breakpoint
ALTER TABLE "users"."refresh_tokens" ADD CONSTRAINT "refresh_tokens_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "users"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "refresh_tokens_hash_unique" ON "users"."refresh_tokens" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "refresh_tokens_family_idx" ON "users"."refresh_tokens" USING btree ("family_id");--> statement-breakpoint
CREATE INDEX "refresh_tokens_user_idx" ON "users"."refresh_tokens" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "users_email_lower_unique" ON "users"."users" USING btree (lower("email"));