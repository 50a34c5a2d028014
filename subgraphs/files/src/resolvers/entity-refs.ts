/**
 * A task as files receives it: its id, and (when the gateway resolves photos) the fields photos
 * @requires, read from tasks for this caller.
 */
export interface TaskRef {
  id: string;
  poster?: { id: string } | null;
  assignee?: { id: string } | null;
  hidden?: boolean | null;
}

/** An expense as files receives it: its id and (for receipt) its payer, read from groups for this caller. */
export interface ExpenseRef {
  id: string;
  payer?: { id: string } | null;
}
