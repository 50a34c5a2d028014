import { BIDS_REASONS } from './bids.js';
import { FILES_REASONS } from './files.js';
import type { ErrorCode, ReasonEntry } from './codes.js';
import { COMMON_REASONS } from './common.js';
import { GATEWAY_REASONS } from './gateway.js';
import { GROUPS_REASONS } from './groups.js';
import { NOTIFICATIONS_REASONS } from './notifications.js';
import { QUESTIONS_REASONS } from './questions.js';
import { REVIEWS_REASONS } from './reviews.js';
import { TASKS_REASONS } from './tasks.js';
import { USERS_REASONS } from './users.js';
import { WALLET_REASONS } from './wallet.js';

export { ERROR_CODES, type ErrorCode, type ReasonEntry } from './codes.js';

/**
 * Every refusal the API gives, by its stable `extensions.reason`. One catalogue, split by domain
 * so each service's list sits in its own file. docs/errors.md and the SDK's `SxErrorReason` are
 * generated from it (`npm run errors:docs`), and a test fails when a thrown reason is missing.
 */
export const ERROR_REASONS = {
  ...COMMON_REASONS,
  ...USERS_REASONS,
  ...TASKS_REASONS,
  ...QUESTIONS_REASONS,
  ...BIDS_REASONS,
  ...WALLET_REASONS,
  ...REVIEWS_REASONS,
  ...NOTIFICATIONS_REASONS,
  ...FILES_REASONS,
  ...GROUPS_REASONS,
  ...GATEWAY_REASONS,
} as const satisfies Record<string, ReasonEntry>;

export type ErrorReason = keyof typeof ERROR_REASONS;

/** The reasons that belong to one code, so `new Conflict('WEAK_PASSWORD', …)` does not compile. */
export type ReasonFor<C extends ErrorCode> = {
  [R in ErrorReason]: (typeof ERROR_REASONS)[R]['code'] extends C ? R : never;
}[ErrorReason];

/** The catalogue by domain, for the generated documentation. */
export const REASONS_BY_DOMAIN = {
  common: COMMON_REASONS,
  users: USERS_REASONS,
  tasks: TASKS_REASONS,
  questions: QUESTIONS_REASONS,
  bids: BIDS_REASONS,
  wallet: WALLET_REASONS,
  reviews: REVIEWS_REASONS,
  notifications: NOTIFICATIONS_REASONS,
  files: FILES_REASONS,
  groups: GROUPS_REASONS,
  gateway: GATEWAY_REASONS,
} as const;
