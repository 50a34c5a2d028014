-- The accepted bid of an assigned task in one statement (issue 13): the steps of
-- src/commands/accept-assigned-bid.ts (lock the task's replica through the bid, then the bid;
-- the replica says ASSIGNED; the bid ACCEPTED with bids.bid.accepted; the task's other waiting
-- bids REJECTED, each with bids.bid.rejected; NOTIFY), run inside Postgres in the consumer's
-- transaction, after its inbox row. A saga hop at bids is then BEGIN, inbox, this, COMMIT
-- (was twelve round trips, two more per rejected bid).
--
-- Only the common case is decided here: the bid ACCEPTING, on that task by that tasker, and
-- the event newer than the replica, which is neither COMPLETED nor CANCELLED. Anything else
-- returns 'fallback' having written nothing (both rows stay locked for this transaction), and
-- the caller decides the general way. The events come built and validated from the caller;
-- a rejected bid's event is the template with that bid's id, tasker and a fresh event id.
CREATE FUNCTION bids.accept_assigned_bid(
  p_bid uuid,
  p_task uuid,
  p_poster uuid,
  p_assignee uuid,
  p_occurred_at timestamptz,
  p_accepted_event jsonb,
  p_rejected_template jsonb,
  p_channel text,
  OUT outcome text,
  OUT rejected integer
) LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  replica record;
  bid record;
BEGIN
  outcome := 'fallback';
  rejected := 0;
  -- Replica row first, then the bid: the same lock order as every other writer.
  SELECT r.status, r.last_event_at INTO replica FROM bids.task_replica r
  WHERE r.task_id = (SELECT b.task_id FROM bids.bids b WHERE b.id = p_bid) FOR UPDATE;
  IF NOT FOUND THEN RETURN; END IF;
  SELECT b.task_id, b.tasker_id, b.status INTO bid FROM bids.bids b WHERE b.id = p_bid FOR UPDATE;
  IF NOT FOUND OR bid.task_id <> p_task OR bid.tasker_id <> p_assignee OR bid.status <> 'ACCEPTING' THEN RETURN; END IF;
  -- A stale or final replica is the general way's to judge (task-replica.ts: supersedes).
  IF replica.status IN ('COMPLETED', 'CANCELLED') OR replica.last_event_at >= p_occurred_at THEN RETURN; END IF;

  UPDATE bids.task_replica r SET poster_id = p_poster, status = 'ASSIGNED', last_event_at = p_occurred_at WHERE r.task_id = p_task;
  UPDATE bids.bids b SET status = 'ACCEPTED', updated_at = now() WHERE b.id = p_bid AND b.status = 'ACCEPTING';
  INSERT INTO bids.outbox (id, type, version, aggregate_id, envelope, occurred_at)
  VALUES ((p_accepted_event->>'id')::uuid, p_accepted_event->>'type', (p_accepted_event->>'version')::integer, p_bid::text,
          p_accepted_event, (p_accepted_event->>'occurredAt')::timestamptz);

  WITH others AS (
    UPDATE bids.bids b SET status = 'REJECTED', updated_at = now()
    WHERE b.task_id = p_task AND b.status IN ('PENDING', 'ACCEPTING') AND b.id <> p_bid
    RETURNING b.id, b.tasker_id
  ), events AS (
    SELECT o.id AS bid_id, jsonb_set(jsonb_set(jsonb_set(p_rejected_template,
             '{id}', to_jsonb(gen_random_uuid())),
             '{data,bidId}', to_jsonb(o.id)),
             '{data,taskerId}', to_jsonb(o.tasker_id)) AS envelope
    FROM others o
  )
  INSERT INTO bids.outbox (id, type, version, aggregate_id, envelope, occurred_at)
  SELECT (e.envelope->>'id')::uuid, e.envelope->>'type', (e.envelope->>'version')::integer, e.bid_id::text, e.envelope,
         (e.envelope->>'occurredAt')::timestamptz
  FROM events e;
  GET DIAGNOSTICS rejected = ROW_COUNT;
  PERFORM pg_notify(p_channel, '');
  outcome := 'accepted';
END;
$$;
