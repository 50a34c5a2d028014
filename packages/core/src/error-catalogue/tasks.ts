import type { ReasonEntry } from './codes.js';

/** Refusals about tasks and their lifecycle (tasks subgraph; bids and reviews check the same states). */
export const TASKS_REASONS = {
  NOT_TASK_POSTER: { code: 'FORBIDDEN', description: 'Only the person who posted the task may do this.' },
  NOT_TASK_ASSIGNEE: { code: 'FORBIDDEN', description: 'Only the tasker the task is assigned to may do this.' },
  TASK_NOT_OPEN: { code: 'CONFLICT', description: 'The task is no longer open (assigned, done, completed or cancelled); `taskStatus` says which.' },
  TASK_STATUS_CONFLICT: {
    code: 'CONFLICT',
    description: 'The task is in a status this step cannot start from (e.g. already cancelled); `status` says which.',
  },
  TASK_ALREADY_DONE: { code: 'CONFLICT', description: 'The tasker has marked the task done: it can no longer be cancelled, only confirmed or disputed (openDispute).' },
  TASK_NOT_DONE: { code: 'CONFLICT', description: 'The tasker has not marked the task done yet, so it cannot be confirmed.' },
  TASK_CHANGED: { code: 'CONFLICT', description: 'The task changed while the request ran; load it again and retry (`retryable`).' },
  TASK_DEADLINE_PASSED: { code: 'CONFLICT', description: "The task's due date has passed; it takes no more bids." },
} as const satisfies Record<string, ReasonEntry>;
