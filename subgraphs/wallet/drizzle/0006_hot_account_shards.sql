ALTER TABLE "wallet"."accounts" DROP CONSTRAINT "accounts_natural_key_unique";--> statement-breakpoint
ALTER TABLE "wallet"."accounts" ADD COLUMN "shard" smallint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "wallet"."accounts" ADD CONSTRAINT "accounts_natural_key_unique" UNIQUE NULLS NOT DISTINCT("kind","owner_id","payment_id","currency","shard");--> statement-breakpoint
ALTER TABLE "wallet"."accounts" ADD CONSTRAINT "accounts_shard_in_range" CHECK ("wallet"."accounts"."shard" >= 0 AND "wallet"."accounts"."shard" < 16);--> statement-breakpoint
ALTER TABLE "wallet"."accounts" ADD CONSTRAINT "accounts_shard_only_platform" CHECK ("wallet"."accounts"."shard" = 0 OR "wallet"."accounts"."kind" IN ('platform', 'external'));