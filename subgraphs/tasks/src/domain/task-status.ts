import { Conflict } from '@sx/core';

/**
 * Where a task is in its life; the order is the happy path, CANCELLED the way out. DISPUTED
 * (issue 17) sits between DONE and COMPLETED: the escrow is frozen until an admin decides.
 */
export const TASK_STATUSES = ['OPEN', 'ASSIGNED', 'DONE', 'DISPUTED', 'COMPLETED', 'CANCELLED'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

/** Every task starts taking bids. */
export const INITIAL_STATUS: TaskStatus = 'OPEN';

// Cancelling stops once the work is reported done: from then on the escrow may only be released,
// or disputed. ASSIGNED → OPEN is the assignee withdrawing. A dispute ends where the admin sends
// it: back to where it was (dismissed), COMPLETED (some money released) or CANCELLED (all refunded).
const NEXT: Readonly<Record<TaskStatus, readonly TaskStatus[]>> = {
  OPEN: ['ASSIGNED', 'CANCELLED'],
  ASSIGNED: ['DONE', 'CANCELLED', 'DISPUTED', 'OPEN'],
  DONE: ['COMPLETED', 'DISPUTED'],
  DISPUTED: ['ASSIGNED', 'DONE', 'COMPLETED', 'CANCELLED'],
  COMPLETED: [],
  CANCELLED: [],
};

const STATE_WORDS: Readonly<Record<TaskStatus, string>> = {
  OPEN: 'open',
  ASSIGNED: 'assigned to a tasker',
  DONE: 'marked done',
  DISPUTED: 'under dispute',
  COMPLETED: 'completed',
  CANCELLED: 'cancelled',
};

const ACTION_WORDS: Readonly<Record<TaskStatus, string>> = {
  OPEN: 'reopened',
  ASSIGNED: 'assigned',
  DONE: 'marked done',
  DISPUTED: 'disputed',
  COMPLETED: 'confirmed as completed',
  CANCELLED: 'cancelled',
};

/** "open", "assigned to a tasker", …: a status as a person would say it. */
export function describeStatus(status: TaskStatus): string {
  return STATE_WORDS[status];
}

export function canTransition(from: TaskStatus, to: TaskStatus): boolean {
  return NEXT[from].includes(to);
}

/**
 * The one gate every status change passes: returns the new status, or CONFLICT saying why
 * the task cannot move there from where it is.
 */
export function transition(from: TaskStatus, to: TaskStatus): TaskStatus {
  if (canTransition(from, to)) return to;
  if (from === to) throw new Conflict('TASK_STATUS_CONFLICT', `This task is already ${STATE_WORDS[from]}.`, { status: from });
  throw new Conflict('TASK_STATUS_CONFLICT', `This task is ${STATE_WORDS[from]}, so it cannot be ${ACTION_WORDS[to]}.`, { status: from });
}
