-- The tasks saga hop as one autocommit statement (issue 13, fifth pass): the inbox row of the
-- wallet.escrow.held event is claimed here, then the assignment of 0007 runs, all in the one
-- transaction a statement outside BEGIN is. A hop was BEGIN, inbox, assignment, COMMIT.
--
-- 'duplicate': the inbox already has the event (a redelivery), nothing written.
-- 'assigned': inbox row, task ASSIGNED and tasks.task.assigned + NOTIFY written together.
-- 'fallback' from the assignment (it wrote nothing) raises SXF01, which undoes the inbox claim
-- and the task's lock; the consumer then takes the general way (a transaction with the inbox
-- row and the general assign-task code: already assigned, refuse, or a stranger's payment).
CREATE FUNCTION tasks.assign_task_of_held_escrow_once(
  p_consumer text,
  p_event_id uuid,
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
BEGIN
  -- A concurrent delivery of the same event waits here for the other's commit, then sees its row.
  INSERT INTO tasks.inbox (consumer, event_id) VALUES (p_consumer, p_event_id) ON CONFLICT DO NOTHING;
  IF NOT FOUND THEN RETURN 'duplicate'; END IF;
  IF tasks.assign_task_of_held_escrow(p_task, p_payer, p_assignee, p_bid, p_payment, p_escrow_amount, p_escrow_currency,
                                      p_event, p_aggregate_id, p_channel) = 'fallback' THEN
    RAISE EXCEPTION 'the assignment of task % goes the general way', p_task USING ERRCODE = 'SXF01';
  END IF;
  RETURN 'assigned';
END;
$$;
