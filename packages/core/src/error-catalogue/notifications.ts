import type { ReasonEntry } from './codes.js';

/** Refusals of notifications (notifications subgraph). */
export const NOTIFICATIONS_REASONS = {
  INVALID_UNSUBSCRIBE_TOKEN: {
    code: 'BAD_USER_INPUT',
    description: 'The unsubscribe link is not one this service signed (mistyped or cut); open the link from the email again, or change the settings after signing in.',
  },
} as const satisfies Record<string, ReasonEntry>;
