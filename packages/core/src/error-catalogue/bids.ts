import type { ReasonEntry } from './codes.js';

/** Refusals of bidding and accepting (bids subgraph). */
export const BIDS_REASONS = {
  BID_NOT_FOUND: { code: 'NOT_FOUND', description: 'No bid has this id.' },
  NOT_BID_OWNER: { code: 'FORBIDDEN', description: 'Only the tasker who placed the bid may change or withdraw it.' },
  BIDS_PRIVATE: { code: 'FORBIDDEN', description: "A tasker's bids are visible only to that tasker (and to posters on their own tasks)." },
  OWN_TASK: { code: 'FORBIDDEN', description: 'Nobody can bid on a task they posted.' },
  BID_NOT_PENDING: { code: 'CONFLICT', description: 'The bid is no longer pending (accepting, accepted, rejected or withdrawn); `status` says which.' },
  BID_CURRENCY_MISMATCH: { code: 'BAD_USER_INPUT', description: "A bid's currency must be the currency of the task's budget." },
  ACTIVE_BID_EXISTS: { code: 'CONFLICT', description: 'The tasker already has a pending bid on this task; update it instead.' },
  TASK_NOT_YET_KNOWN: {
    code: 'CONFLICT',
    description: 'The task was posted a moment ago and bids has not heard of it yet; retry shortly (`retryable`).',
  },
  TASK_HIDDEN_BY_ADMIN: {
    code: 'CONFLICT',
    description: 'An administrator took the task out of the listings (hideTask, or suspended its poster): it takes no bids, questions or answers while hidden.',
  },
  ANOTHER_BID_CHOSEN: { code: 'CONFLICT', description: 'Another bid on this task is already being accepted or was accepted (`otherBidId`).' },
  CURRENCY_CHANGED: { code: 'CONFLICT', description: "The task's budget currency changed after the bid was placed; the tasker must bid again." },
} as const satisfies Record<string, ReasonEntry>;
