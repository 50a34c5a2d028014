import type { ReasonEntry } from './codes.js';

/** Refusals about disputes and the assignee's withdrawal (tasks subgraph, issue 17). */
export const DISPUTES_REASONS = {
  NOT_TASK_PARTY: { code: 'FORBIDDEN', description: "Only the task's poster and its assignee may open or follow its dispute." },
  TASK_NOT_DISPUTABLE: {
    code: 'CONFLICT',
    description: 'A dispute can be opened only on an ASSIGNED or DONE task, before its money is released; `status` says where it is.',
  },
  TASK_DISPUTED: {
    code: 'CONFLICT',
    description: 'The task has an open dispute: its escrow is frozen, so it cannot be confirmed, cancelled or withdrawn from until an admin decides.',
  },
  DISPUTE_NOT_FOUND: { code: 'NOT_FOUND', description: 'There is no dispute with this id (or the caller may not see it).' },
  DISPUTE_CLOSED: { code: 'CONFLICT', description: 'The dispute was already resolved or dismissed; `status` says which.' },
  DISPUTE_SPLIT_MISMATCH: {
    code: 'BAD_USER_INPUT',
    description: 'refundAmount + releaseAmount must equal the held amount exactly, in its currency; `held` gives it.',
  },
  DISPUTE_DECISION_INVALID: { code: 'BAD_USER_INPUT', description: 'Give either `dismiss: true` or both `refundAmount` and `releaseAmount`, not both or neither.' },
} as const satisfies Record<string, ReasonEntry>;
