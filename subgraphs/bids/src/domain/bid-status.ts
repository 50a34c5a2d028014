/** Every state a bid can be in; the database holds the same list as a CHECK constraint. */
export const BID_STATUSES = ['PENDING', 'ACCEPTING', 'ACCEPTED', 'REJECTED', 'WITHDRAWN'] as const;
export type BidStatus = (typeof BID_STATUSES)[number];

/**
 * Bids still in play on a task. A tasker holds at most one of these per task (a partial
 * unique index enforces it), and `Task.bidCount` counts them.
 */
export const ACTIVE_BID_STATUSES = ['PENDING', 'ACCEPTING', 'ACCEPTED'] as const satisfies readonly BidStatus[];
