import type { ReasonEntry } from './codes.js';

/** Refusals of the gateway itself, before any subgraph is asked. */
export const GATEWAY_REASONS = {
  ACCESS_TOKEN_INVALID: {
    code: 'UNAUTHENTICATED',
    description: 'The Authorization header is malformed or its token is not one we issued; sign in again (or send no header).',
  },
  ACCESS_TOKEN_EXPIRED: { code: 'UNAUTHENTICATED', description: 'The access token has expired; refresh the session or sign in again.' },
  INVALID_JSON_BODY: { code: 'BAD_REQUEST', description: 'The request body is not valid JSON.' },
  BODY_TOO_LARGE: { code: 'PAYLOAD_TOO_LARGE', description: 'The request body is larger than the limit.' },
  INVALID_SUBSCRIPTION: {
    code: 'BAD_USER_INPUT',
    description: 'A subscription document or its cursor is not one the gateway can serve (the message says why).',
  },
  GATEWAY_STARTING: { code: 'UNAVAILABLE', description: 'The gateway has not loaded its schema yet; retry in a moment.' },
} as const satisfies Record<string, ReasonEntry>;
