import { ADMIN_TASKS_EVENTS, ADMIN_USERS_EVENTS } from './admin-events.js';
import { BID_ACCEPTANCE_EVENTS } from './bid-acceptance-events.js';
import { BIDS_EVENTS } from './bids-events.js';
import type { AnyEventDefinition } from './define.js';
import { ESCROW_EVENTS } from './escrow-events.js';
import { GROUPS_EVENTS } from './groups-events.js';
import { NOTIFICATIONS_EVENTS } from './notifications-events.js';
import { QUESTION_EVENTS } from './question-events.js';
import { REVIEWS_EVENTS } from './reviews-events.js';
import { TASKS_EVENTS, TASKS_SAGA_EVENTS } from './tasks-events.js';
import { USERS_EVENTS } from './users-events.js';
import { WALLET_EVENTS } from './wallet-events.js';

export * from './admin-events.js';
export * from './bid-acceptance-events.js';
export * from './bids-events.js';
export * from './define.js';
export * from './escrow-events.js';
export * from './groups-events.js';
export * from './notifications-events.js';
export * from './question-events.js';
export * from './reviews-events.js';
export * from './tasks-events.js';
export * from './users-events.js';
export * from './wallet-events.js';

/** Every event type the platform publishes: the one place they are listed. */
export const CATALOGUE: ReadonlyMap<string, AnyEventDefinition> = new Map(
  [
    ...USERS_EVENTS,
    ...TASKS_EVENTS,
    ...TASKS_SAGA_EVENTS,
    ...QUESTION_EVENTS,
    ...BIDS_EVENTS,
    ...BID_ACCEPTANCE_EVENTS,
    ...WALLET_EVENTS,
    ...ESCROW_EVENTS,
    ...REVIEWS_EVENTS,
    ...NOTIFICATIONS_EVENTS,
    ...ADMIN_USERS_EVENTS,
    ...ADMIN_TASKS_EVENTS,
    ...GROUPS_EVENTS,
  ].map((d) => [d.type, d as AnyEventDefinition]),
);

/** The domains that own a stream each. */
export const DOMAINS = ['users', 'tasks', 'bids', 'wallet', 'reviews', 'notifications', 'groups'] as const;
