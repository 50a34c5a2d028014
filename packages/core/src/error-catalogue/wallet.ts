import type { ReasonEntry } from './codes.js';

/** Refusals of money movements (wallet subgraph). */
export const WALLET_REASONS = {
  INSUFFICIENT_FUNDS: { code: 'INSUFFICIENT_FUNDS', description: 'The available balance (balance minus what escrow holds) is too small.' },
  SELF_TRANSFER: { code: 'BAD_USER_INPUT', description: 'Money cannot be sent to oneself.' },
  RECIPIENT_NOT_FOUND: {
    code: 'NOT_FOUND',
    description: 'The wallet knows no user with this id (someone who signed up a moment ago may take a second to become reachable).',
  },
  PAYMENT_DECLINED: { code: 'BAD_USER_INPUT', description: 'The payment provider declined the deposit or withdrawal (`declineReason`).' },
  IDEMPOTENCY_KEY_REUSED: { code: 'BAD_USER_INPUT', description: 'The idempotency key was already used for a different request; use a new key.' },
  IDEMPOTENCY_KEY_BUSY: {
    code: 'CONFLICT',
    description: 'A request with this idempotency key is still running (or was just taken over); retry to get its result (`retryable`).',
  },
} as const satisfies Record<string, ReasonEntry>;
