import { BIDS_EVENTS } from './bids-events.js';
import type { AnyEventDefinition } from './define.js';
import { TASKS_EVENTS } from './tasks-events.js';
import { WALLET_EVENTS } from './wallet-events.js';

export * from './bids-events.js';
export * from './define.js';
export * from './tasks-events.js';
export * from './wallet-events.js';

/** Every event type the platform publishes: the one place they are listed. */
export const CATALOGUE: ReadonlyMap<string, AnyEventDefinition> = new Map(
  [...TASKS_EVENTS, ...BIDS_EVENTS, ...WALLET_EVENTS].map((d) => [d.type, d as AnyEventDefinition]),
);

/** The domains that own a stream each. */
export const DOMAINS = ['users', 'tasks', 'bids', 'wallet', 'reviews'] as const;
