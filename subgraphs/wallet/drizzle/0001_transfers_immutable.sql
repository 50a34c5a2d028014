-- The ledger is append-only: a correction is a new transfer, never an edit. Enforced here so
-- no code path (or hand-written SQL) can rewrite history.
CREATE FUNCTION "wallet"."refuse_transfer_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'wallet.transfers is append-only: % refused; record a correcting transfer instead', TG_OP
    USING ERRCODE = 'restrict_violation';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "transfers_append_only"
  BEFORE UPDATE OR DELETE ON "wallet"."transfers"
  FOR EACH ROW EXECUTE FUNCTION "wallet"."refuse_transfer_change"();
--> statement-breakpoint
CREATE TRIGGER "transfers_no_truncate"
  BEFORE TRUNCATE ON "wallet"."transfers"
  FOR EACH STATEMENT EXECUTE FUNCTION "wallet"."refuse_transfer_change"();
