/**
 * The classes of refusal in `extensions.code` (API.md). A client that only needs to know whether
 * to fix its input, sign in, or retry switches on these; `extensions.reason` says exactly why.
 */
export const ERROR_CODES = {
  BAD_USER_INPUT: 'The request itself is wrong: fix the input named in the message (and in `field`, where given).',
  UNAUTHENTICATED: 'Who is calling is unknown or no longer valid: sign in (again).',
  FORBIDDEN: 'The caller is known but may not do this.',
  NOT_FOUND: 'What the request names does not exist (or is not visible to the caller).',
  CONFLICT: 'The request clashes with the current state; `retryable: true` means the same request may succeed in a moment.',
  INSUFFICIENT_FUNDS: 'The wallet does not hold enough available money for this.',
  RATE_LIMITED: 'Too many requests; retry after `retryAfterSeconds`.',
  BAD_REQUEST: 'The HTTP request is not a GraphQL request the gateway can read (e.g. a body that is not JSON).',
  PAYLOAD_TOO_LARGE: 'The request body is over the size limit.',
  UNAVAILABLE: 'The gateway is starting or a part it needs is down; retry in a moment.',
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

/** One refusal the API can answer with: its class and what it means to a client. */
export interface ReasonEntry {
  code: ErrorCode;
  description: string;
}
