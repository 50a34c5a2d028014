import type { ReasonEntry } from './codes.js';

/** Refusals of the gateway itself, before any subgraph is asked. */
export const GATEWAY_REASONS = {
  ACCESS_TOKEN_INVALID: {
    code: 'UNAUTHENTICATED',
    description: 'The Authorization header is malformed or its token is not one we issued; sign in again (or send no header).',
  },
  ACCOUNT_UNAVAILABLE: {
    code: 'UNAUTHENTICATED',
    description: 'The access token is genuine but names an account that does not exist (any more) or may not act; sign in again.',
  },
  ACCESS_TOKEN_EXPIRED: { code: 'UNAUTHENTICATED', description: 'The access token has expired; refresh the session or sign in again.' },
  INVALID_JSON_BODY: { code: 'BAD_REQUEST', description: 'The request body is not valid JSON.' },
  BODY_TOO_LARGE: { code: 'PAYLOAD_TOO_LARGE', description: 'The request body is larger than the limit.' },
  INVALID_SUBSCRIPTION: {
    code: 'BAD_USER_INPUT',
    description: 'A subscription document or its cursor is not one the gateway can serve (the message says why).',
  },
  OPERATION_NAME_REQUIRED: {
    code: 'BAD_USER_INPUT',
    description: 'The document holds several operations: say which to run in `operationName`.',
  },
  UNKNOWN_OPERATION_NAME: { code: 'BAD_USER_INPUT', description: '`operationName` names no operation of the document.' },
  SUBSCRIPTION_OVER_HTTP: {
    code: 'BAD_USER_INPUT',
    description: 'Subscriptions are served over graphql-ws (WebSocket) on the same URL, not over HTTP.',
  },
  TOO_MANY_REQUESTS: {
    code: 'RATE_LIMITED',
    description: "The caller's request budget (per user, or per address when signed out; each request costs its size) is spent; wait `retryAfterSeconds`.",
  },
  TOO_MANY_SUBSCRIPTIONS: {
    code: 'BAD_USER_INPUT',
    description: 'This WebSocket already carries as many subscriptions as one socket may (`limit`); complete one first.',
  },
  SUBGRAPH_UNAVAILABLE: {
    code: 'UNAVAILABLE',
    description:
      'The part of the service named in `subgraph` did not answer (down, too slow, or its circuit is open); the fields it serves are null and the rest of the answer stands. Retry in a moment (`retryable: true`).',
  },
  GATEWAY_STARTING: { code: 'UNAVAILABLE', description: 'The gateway has not loaded its schema yet; retry in a moment.' },
} as const satisfies Record<string, ReasonEntry>;
