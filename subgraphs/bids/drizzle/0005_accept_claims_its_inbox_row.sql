-- The bids saga hop as one autocommit statement (issue 13, fifth pass): the inbox row of the
-- tasks.task.assigned event is claimed here, then the acceptance of 0004 runs, all in the one
-- transaction a statement outside BEGIN is. A hop was BEGIN, inbox, acceptance, COMMIT.
--
-- 'duplicate': the inbox already has the event (a redelivery), nothing written.
-- 'accepted': inbox row, replica ASSIGNED, bid ACCEPTED, the others REJECTED and their events
-- + NOTIFY written together. 'fallback' from the acceptance (it wrote nothing) raises SXF01,
-- which undoes the inbox claim and the locks; the consumer then takes the general way (a
-- transaction with the inbox row and the general accept-assigned-bid code).
CREATE FUNCTION bids.accept_assigned_bid_once(
  p_consumer text,
  p_event_id uuid,
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
BEGIN
  -- A concurrent delivery of the same event waits here for the other's commit, then sees its row.
  INSERT INTO bids.inbox (consumer, event_id) VALUES (p_consumer, p_event_id) ON CONFLICT DO NOTHING;
  IF NOT FOUND THEN
    outcome := 'duplicate';
    RETURN;
  END IF;
  SELECT a.outcome, a.rejected INTO outcome, rejected
  FROM bids.accept_assigned_bid(p_bid, p_task, p_poster, p_assignee, p_occurred_at, p_accepted_event, p_rejected_template, p_channel) a;
  IF outcome = 'fallback' THEN
    RAISE EXCEPTION 'the acceptance of bid % goes the general way', p_bid USING ERRCODE = 'SXF01';
  END IF;
END;
$$;
