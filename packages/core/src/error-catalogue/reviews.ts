import type { ReasonEntry } from './codes.js';

/** Refusals of reviews (reviews subgraph). */
export const REVIEWS_REASONS = {
  NOT_TASK_PARTICIPANT: { code: 'FORBIDDEN', description: "Only the task's poster and its tasker can review it." },
  TASK_NOT_COMPLETED: {
    code: 'CONFLICT',
    description: 'The task is not completed (or reviews has not heard of its completion yet; `retryable`).',
  },
  REVIEW_WINDOW_CLOSED: {
    code: 'CONFLICT',
    description: 'The review window (14 days after completion) has closed; the task can no longer be reviewed.',
  },
  ALREADY_REVIEWED: { code: 'CONFLICT', description: 'Each participant can leave one review per task.' },
} as const satisfies Record<string, ReasonEntry>;
