/** Task statuses as the tasks subgraph publishes them; the replica CHECKs the same list. */
export const TASK_STATUSES = ['OPEN', 'ASSIGNED', 'DONE', 'COMPLETED', 'CANCELLED'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

/** No event moves a task out of these (tasks' state machine has no exit from them). */
const TERMINAL_STATUSES: readonly TaskStatus[] = ['COMPLETED', 'CANCELLED'];

/**
 * What bids knows of a task, fed by tasks events: enough to decide who may bid, in which
 * currency, and who sees the bids. `budget` is null only for a task known from a later event
 * alone (a cancellation or a saga move arrived first; the posted event not seen yet, or lost).
 */
export interface TaskReplica {
  taskId: string;
  posterId: string;
  status: TaskStatus;
  budget: { amountMinor: number; currency: string } | null;
  dueAt: Date | null;
  /** An administrator hid the task, or its poster is suspended (as tasks' Task.hidden); kept apart from the status events. */
  hidden: boolean;
  /** occurredAt of the event the replica was last written from. */
  lastEventAt: Date;
}

/**
 * A tasks event, reduced to what it tells the replica: the whole replicated state (posted,
 * updated), a cancellation, or a move of the payment saga (assigned, done, completed) that
 * carries the status alone.
 */
export type TaskChange =
  | { kind: 'state'; occurredAt: Date; task: Omit<TaskReplica, 'lastEventAt' | 'hidden'> }
  | { kind: 'cancelled'; occurredAt: Date; taskId: string; posterId: string }
  // OPEN: the assignee withdrew and the task takes bids again (tasks.task.withdrawn).
  | { kind: 'status'; occurredAt: Date; taskId: string; posterId: string; status: 'OPEN' | 'ASSIGNED' | 'DONE' | 'COMPLETED' };

const STATUS_WORDS: Readonly<Record<TaskStatus, string>> = {
  OPEN: 'open',
  ASSIGNED: 'assigned to a tasker',
  DONE: 'marked done',
  COMPLETED: 'completed',
  CANCELLED: 'cancelled',
};

/** "cancelled", "assigned to a tasker", …: a task status as a person would say it. */
export function describeTaskStatus(status: TaskStatus): string {
  return STATUS_WORDS[status];
}

/**
 * Whether `change` is newer than what the replica holds. Events of one task normally arrive in
 * order, but a redelivered (retried) event can arrive after a later one: an older event must
 * never overwrite a newer state. A terminal status is final; on an equal timestamp the event
 * that ends the task wins.
 */
function supersedes(change: TaskChange, current: TaskReplica): boolean {
  if (TERMINAL_STATUSES.includes(current.status)) return false;
  const diffMs = change.occurredAt.getTime() - current.lastEventAt.getTime();
  if (diffMs !== 0) return diffMs > 0;
  return TERMINAL_STATUSES.includes(incomingStatus(change));
}

function incomingStatus(change: TaskChange): TaskStatus {
  if (change.kind === 'cancelled') return 'CANCELLED';
  return change.kind === 'status' ? change.status : change.task.status;
}

/** The replica row after `change`, or null when the change is stale and must be ignored. */
export function nextReplica(current: TaskReplica | null, change: TaskChange): TaskReplica | null {
  if (current && !supersedes(change, current)) return null;
  // Hiding is written by its own events (commands/replicate-task-hidden.ts), never by these.
  const hidden = current?.hidden ?? false;
  if (change.kind === 'state') return { ...change.task, hidden, lastEventAt: change.occurredAt };
  // A cancellation or a saga move keeps what was known of the task; seen first, it leaves a
  // row without a budget that a late posted event (older) cannot reopen.
  return {
    taskId: change.taskId,
    posterId: change.posterId,
    budget: current?.budget ?? null,
    dueAt: current?.dueAt ?? null,
    hidden,
    status: incomingStatus(change),
    lastEventAt: change.occurredAt,
  };
}
