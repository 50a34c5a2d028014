-- A notification reaction as one write (issue 13, fifth pass): the statement that stores an
-- event's notifications, their live events and its emails also claims the event's inbox row
-- (a CTE). When the row was already there (a redelivery) the statement must leave nothing
-- behind: this raises SXF01, which rolls the whole statement back, and the consumer takes the
-- general way (a transaction whose inbox insert finds the row: 'duplicate', no effect).
CREATE FUNCTION notifications.fall_back_unless_claimed(p_claimed bigint) RETURNS boolean
LANGUAGE plpgsql VOLATILE AS $$
BEGIN
  IF p_claimed = 0 THEN
    RAISE EXCEPTION 'the event is in the inbox already' USING ERRCODE = 'SXF01';
  END IF;
  RETURN true;
END;
$$;
