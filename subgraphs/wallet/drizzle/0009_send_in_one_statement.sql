-- A send between two open wallets in one statement (issue 13): the steps of the transaction
-- src/commands/send-money.ts used to run as seven round trips (BEGIN, lock, key, balances,
-- transfer, outbox + NOTIFY, COMMIT), run inside Postgres. Called outside a transaction, it
-- commits on its own: one round trip, one commit, and no row lock held while a Node process
-- waits to be scheduled. Each statement in it takes a fresh snapshot (READ COMMITTED, a
-- VOLATILE function), so it decides exactly as the seven statements did.
--
-- Returns 'sent' with what the answer needs, or 'fallback' when the send must go the general
-- way (a wallet to open, a recipient wallet has not heard of, a key already stored). A payer
-- short of money raises SQLSTATE SXS01, which rolls the key back with everything else; the
-- caller then takes the general way, which refuses with the rules' message.
CREATE FUNCTION wallet.send_between_open_wallets(
  p_payer uuid,
  p_recipient uuid,
  p_currency text,
  p_amount bigint,
  p_note text,
  p_key text,
  p_params jsonb,
  p_request_hash text,
  p_request_id uuid,
  p_transfer_id uuid,
  p_ttl_hours integer,
  p_event jsonb,
  p_channel text,
  OUT outcome text,
  OUT payer_account_id uuid,
  OUT payer_created_at timestamptz,
  OUT recipient_account_id uuid,
  OUT payer_balance_after bigint,
  OUT recipient_balance_after bigint,
  OUT payer_escrow_held bigint,
  OUT transfer_created_at timestamptz
) LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  wallet record;
  payer_balance bigint;
  recipient_balance bigint;
  locked integer := 0;
BEGIN
  outcome := 'fallback';
  -- Both wallets locked in id order, the order every transaction locks accounts in.
  FOR wallet IN
    SELECT a.id, a.owner_id, a.balance_minor, a.created_at FROM wallet.accounts a
    WHERE a.kind = 'user' AND a.currency = p_currency AND a.owner_id IN (p_payer, p_recipient)
    ORDER BY a.id FOR UPDATE
  LOOP
    locked := locked + 1;
    IF wallet.owner_id = p_payer THEN
      payer_account_id := wallet.id;
      payer_created_at := wallet.created_at;
      payer_balance := wallet.balance_minor;
    ELSE
      recipient_account_id := wallet.id;
      recipient_balance := wallet.balance_minor;
    END IF;
  END LOOP;
  IF locked <> 2 OR payer_account_id IS NULL OR recipient_account_id IS NULL THEN RETURN; END IF;
  IF NOT EXISTS (SELECT 1 FROM wallet.known_users k WHERE k.user_id = p_recipient) THEN RETURN; END IF;

  -- The key, finished, before the balance decides: a concurrent duplicate waited on the wallets
  -- and now finds this committed key (a replay), never its own view of the lower balance.
  INSERT INTO wallet.idempotency_keys (user_id, key, request_id, operation, request_hash, params, status, phase, response, locked_until, expires_at)
  VALUES (p_payer, p_key, p_request_id, 'send', p_request_hash, p_params, 'done', 'claimed',
          jsonb_build_object('outcome', 'ok', 'transferId', p_transfer_id, 'accountId', payer_account_id),
          now(), now() + make_interval(hours => p_ttl_hours))
  ON CONFLICT DO NOTHING;
  IF NOT FOUND THEN RETURN; END IF;

  IF payer_balance < p_amount THEN
    RAISE EXCEPTION 'insufficient funds' USING ERRCODE = 'SXS01';
  END IF;

  UPDATE wallet.accounts a SET balance_minor = a.balance_minor + CASE a.id WHEN payer_account_id THEN -p_amount ELSE p_amount END
  WHERE a.id IN (payer_account_id, recipient_account_id);
  payer_balance_after := payer_balance - p_amount;
  recipient_balance_after := recipient_balance + p_amount;

  -- Its time is taken now, after the locks: the history's order is the order balances changed in.
  INSERT INTO wallet.transfers (id, kind, debit_account_id, credit_account_id, amount_minor, currency, reference,
                                debit_balance_after_minor, credit_balance_after_minor, note, created_at)
  VALUES (p_transfer_id, 'send', payer_account_id, recipient_account_id, p_amount, p_currency, 'send:' || p_request_id,
          payer_balance_after, recipient_balance_after, p_note, clock_timestamp())
  RETURNING created_at INTO transfer_created_at;

  SELECT COALESCE(sum(p.amount_minor), 0) INTO payer_escrow_held FROM wallet.payments p
  WHERE p.payer_id = p_payer AND p.currency = p_currency AND p.status = 'HELD';

  -- The event the caller built and validated, completed with what only the locks could tell.
  INSERT INTO wallet.outbox (id, type, version, aggregate_id, envelope, occurred_at)
  VALUES ((p_event->>'id')::uuid, p_event->>'type', (p_event->>'version')::integer, payer_account_id::text,
          jsonb_set(jsonb_set(jsonb_set(jsonb_set(p_event,
            '{data,senderWalletId}', to_jsonb(payer_account_id)),
            '{data,recipientWalletId}', to_jsonb(recipient_account_id)),
            '{data,senderBalanceAfter,amountMinor}', to_jsonb(payer_balance_after)),
            '{data,recipientBalanceAfter,amountMinor}', to_jsonb(recipient_balance_after)),
          (p_event->>'occurredAt')::timestamptz);
  PERFORM pg_notify(p_channel, '');
  outcome := 'sent';
END;
$$;
