-- The wallet's saga hop as one autocommit statement (issue 13, fifth pass): the inbox row of
-- the accept_requested event is claimed here, then the hold of 0010 runs, all in the one
-- transaction a statement outside BEGIN is. A hop was BEGIN, inbox, hold, COMMIT.
--
-- 'duplicate': the inbox already has the event (a redelivery), nothing written.
-- 'held': inbox row, payment, transfer and wallet.escrow.held + NOTIFY written together.
-- Anything else the hold says 'fallback' to (having written nothing): SQLSTATE SXF01 undoes
-- the inbox claim, and the consumer takes the general way (a transaction with the inbox row and
-- the general hold-escrow code), so exactly-once rests on the inbox row as before.
-- SXH01 (the balance fell while it was held) passes through: the event is retried and declines.
CREATE FUNCTION wallet.hold_escrow_of_bid_once(
  p_consumer text,
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
BEGIN
  -- A concurrent delivery of the same event waits here for the other's commit, then sees its row.
  INSERT INTO wallet.inbox (consumer, event_id) VALUES (p_consumer, p_request_event_id) ON CONFLICT DO NOTHING;
  IF NOT FOUND THEN
    outcome := 'duplicate';
    RETURN;
  END IF;
  SELECT h.outcome, h.payment_created_at INTO outcome, payment_created_at
  FROM wallet.hold_escrow_of_bid(p_request_event_id, p_payment_id, p_task, p_bid, p_payer, p_payee, p_amount, p_currency,
                                 p_transfer_id, p_event, p_aggregate_id, p_channel) h;
  IF outcome = 'fallback' THEN
    RAISE EXCEPTION 'the hold of bid % goes the general way', p_bid USING ERRCODE = 'SXF01';
  END IF;
END;
$$;
