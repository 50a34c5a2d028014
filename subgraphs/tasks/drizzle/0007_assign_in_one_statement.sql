-- The assignment of a task whose escrow is held, in one statement (issue 13): the steps of
-- src/commands/assign-task.ts (lock the task, was this payment's assignment withdrawn?, the
-- decision, the compare-and-set to ASSIGNED, tasks.task.assigned outbox row + NOTIFY), run
-- inside Postgres in the consumer's transaction, after its inbox row. A saga hop at tasks is
-- then BEGIN, inbox, this, COMMIT (was seven round trips).
--
-- Only the common case is decided here — the task OPEN, paid for by its poster, not already
-- assigned through this payment, the payment's assignment never withdrawn. Anything else
-- returns 'fallback' having written nothing (the task stays locked for this transaction), and
-- the caller decides the general way: 'already', refuse, or throw on a stranger's payment.
CREATE FUNCTION tasks.assign_task_of_held_escrow(
  p_task uuid,
  p_payer uuid,
  p_assignee uuid,
  p_bid uuid,
  p_payment uuid,
  p_escrow_amount bigint,
  p_escrow_currency text,
  p_event jsonb,
  p_aggregate_id text,
  p_channel text
) RETURNS text LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  task record;
BEGIN
  SELECT t.status, t.poster_id, t.payment_id INTO task FROM tasks.tasks t WHERE t.id = p_task FOR UPDATE;
  IF NOT FOUND OR task.status <> 'OPEN' OR task.poster_id <> p_payer OR task.payment_id IS NOT DISTINCT FROM p_payment THEN
    RETURN 'fallback';
  END IF;
  IF EXISTS (SELECT 1 FROM tasks.withdrawals w WHERE w.payment_id = p_payment) THEN RETURN 'fallback'; END IF;

  UPDATE tasks.tasks t SET status = 'ASSIGNED', updated_at = now(), assignee_id = p_assignee, bid_id = p_bid,
    payment_id = p_payment, escrow_amount_minor = p_escrow_amount, escrow_currency = p_escrow_currency
  WHERE t.id = p_task AND t.status = 'OPEN';

  INSERT INTO tasks.outbox (id, type, version, aggregate_id, envelope, occurred_at)
  VALUES ((p_event->>'id')::uuid, p_event->>'type', (p_event->>'version')::integer, p_aggregate_id, p_event,
          (p_event->>'occurredAt')::timestamptz);
  PERFORM pg_notify(p_channel, '');
  RETURN 'assigned';
END;
$$;
