-- The escrow hold of an accepted bid in one statement (issue 13): the steps of
-- src/commands/hold-escrow.ts (earlier refusal? payment already there? the poster's balance,
-- the HELD payment, its escrow account, both accounts locked in id order, balances, transfer,
-- wallet.escrow.held outbox row + NOTIFY), run inside Postgres in the consumer's transaction,
-- after its inbox row. A saga hop at wallet is then BEGIN, inbox, this, COMMIT — where it was
-- eleven round trips, each waiting for a core under load.
--
-- Only the common case is decided here; anything else returns 'fallback' having written
-- nothing, and the caller takes the general way in the same transaction (an earlier refusal,
-- an existing payment of the bid or task, no wallet in the currency, too little money: the
-- general way declines with the rules' reason). A balance that fell between the unlocked read
-- and the lock raises SXH01, which fails the whole transaction: the redelivery declines, as the
-- general way does in the same race.
CREATE FUNCTION wallet.hold_escrow_of_bid(
  p_request_event_id uuid,
  p_payment_id uuid,
  p_task uuid,
  p_bid uuid,
  p_payer uuid,
  p_payee uuid,
  p_amount bigint,
  p_currency text,
  p_transfer_id uuid,
  p_event jsonb,
  p_aggregate_id text,
  p_channel text,
  OUT outcome text,
  OUT payment_created_at timestamptz
) LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  payer_account uuid;
  payer_balance bigint;
  escrow_account uuid;
  acct record;
  escrow_balance bigint;
BEGIN
  outcome := 'fallback';
  IF EXISTS (SELECT 1 FROM wallet.escrow_declines d WHERE d.request_event_id = p_request_event_id) THEN RETURN; END IF;
  IF EXISTS (SELECT 1 FROM wallet.payments p WHERE p.bid_id = p_bid OR (p.task_id = p_task AND p.status = 'HELD')) THEN RETURN; END IF;
  -- Unlocked, as the general way reads it: it decides before anything is written.
  SELECT a.id, a.balance_minor INTO payer_account, payer_balance FROM wallet.accounts a
  WHERE a.kind = 'user' AND a.owner_id = p_payer AND a.currency = p_currency;
  IF payer_account IS NULL OR payer_balance < p_amount THEN RETURN; END IF;

  -- A concurrent duplicate's insert makes this one wait for its commit, then do nothing.
  INSERT INTO wallet.payments (id, task_id, bid_id, payer_id, payee_id, amount_minor, currency, status)
  VALUES (p_payment_id, p_task, p_bid, p_payer, p_payee, p_amount, p_currency, 'HELD')
  ON CONFLICT DO NOTHING
  RETURNING created_at INTO payment_created_at;
  IF NOT FOUND THEN RETURN; END IF;

  INSERT INTO wallet.accounts (kind, payment_id, currency, shard) VALUES ('escrow', p_payment_id, p_currency, 0)
  RETURNING id INTO escrow_account;
  -- Both accounts locked in id order, the order every transaction locks accounts in.
  FOR acct IN
    SELECT a.id, a.balance_minor FROM wallet.accounts a WHERE a.id IN (payer_account, escrow_account) ORDER BY a.id FOR UPDATE
  LOOP
    IF acct.id = payer_account THEN payer_balance := acct.balance_minor; ELSE escrow_balance := acct.balance_minor; END IF;
  END LOOP;
  IF payer_balance < p_amount THEN
    RAISE EXCEPTION 'the poster''s balance fell below the hold of bid % while it was being held', p_bid USING ERRCODE = 'SXH01';
  END IF;
  IF escrow_balance <> 0 THEN
    RAISE EXCEPTION 'invariant violated: escrow of payment % holds other money', p_payment_id;
  END IF;

  UPDATE wallet.accounts a SET balance_minor = a.balance_minor + CASE a.id WHEN payer_account THEN -p_amount ELSE p_amount END
  WHERE a.id IN (payer_account, escrow_account);

  -- Its time is taken now, after the locks: the history's order is the order balances changed in.
  INSERT INTO wallet.transfers (id, kind, debit_account_id, credit_account_id, amount_minor, currency, reference,
                                debit_balance_after_minor, credit_balance_after_minor, payment_id, task_id, created_at)
  VALUES (p_transfer_id, 'escrow_hold', payer_account, escrow_account, p_amount, p_currency, 'payment:' || p_payment_id || ':hold',
          payer_balance - p_amount, p_amount, p_payment_id, p_task, clock_timestamp());

  -- The event the caller built and validated (it chose the payment's id, so nothing is missing).
  INSERT INTO wallet.outbox (id, type, version, aggregate_id, envelope, occurred_at)
  VALUES ((p_event->>'id')::uuid, p_event->>'type', (p_event->>'version')::integer, p_aggregate_id, p_event,
          (p_event->>'occurredAt')::timestamptz);
  PERFORM pg_notify(p_channel, '');
  outcome := 'held';
END;
$$;
