-- Hand-added: held money now lives in each payment's escrow account, so the reservation column
-- goes. Nothing but tests ever set it; a real reservation left in it would silently become
-- spendable, so the migration refuses to run instead.
DO $$ BEGIN
  IF EXISTS (SELECT 1 FROM "wallet"."accounts" WHERE "held_minor" <> 0) THEN
    RAISE EXCEPTION 'wallet.accounts.held_minor is not zero everywhere; move those holds into escrow before migrating';
  END IF;
END $$;--> statement-breakpoint
ALTER TABLE "wallet"."accounts" DROP CONSTRAINT "accounts_held_not_negative";--> statement-breakpoint
ALTER TABLE "wallet"."accounts" DROP CONSTRAINT "accounts_user_available_not_negative";--> statement-breakpoint
ALTER TABLE "wallet"."accounts" DROP COLUMN "held_minor";
