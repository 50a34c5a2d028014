import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { Logger } from 'pino';

/** A rule of the domain was broken by the caller; `code` becomes `extensions.code`. */
export abstract class DomainError extends Error {
  abstract readonly code: string;
  readonly extra: Record<string, unknown>;
  constructor(message: string, extra: Record<string, unknown> = {}) {
    super(message);
    this.name = new.target.name;
    this.extra = extra;
  }
}

export class BadUserInput extends DomainError {
  readonly code = 'BAD_USER_INPUT';
}
export class Unauthenticated extends DomainError {
  readonly code = 'UNAUTHENTICATED';
}
export class Forbidden extends DomainError {
  readonly code = 'FORBIDDEN';
}
export class NotFound extends DomainError {
  readonly code = 'NOT_FOUND';
}
export class Conflict extends DomainError {
  readonly code = 'CONFLICT';
}
export class InsufficientFunds extends DomainError {
  readonly code = 'INSUFFICIENT_FUNDS';
}
export class RateLimited extends DomainError {
  readonly code = 'RATE_LIMITED';
  constructor(message: string, readonly retryAfterSeconds: number) {
    super(message, { retryAfterSeconds });
  }
}

const PUBLIC_APOLLO_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'RATE_LIMITED',
  'INSUFFICIENT_FUNDS',
]);

function findDomainError(err: unknown): DomainError | undefined {
  let current: unknown = err;
  for (let depth = 0; depth < 5 && current; depth++) {
    if (current instanceof DomainError) return current;
    current = (current as { originalError?: unknown }).originalError;
  }
  return undefined;
}

/**
 * The one place errors become GraphQL errors. Domain errors keep their code and message;
 * anything unexpected is logged with its stack and answered as INTERNAL_SERVER_ERROR with
 * only a trace id, so no internals leak to clients.
 */
export function createErrorFormatter(log: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const domain = findDomainError(error);
    if (domain) {
      return {
        message: domain.message,
        ...(formatted.path ? { path: formatted.path } : {}),
        ...(formatted.locations ? { locations: formatted.locations } : {}),
        extensions: { code: domain.code, ...domain.extra },
      };
    }
    const code = formatted.extensions?.code;
    if (typeof code === 'string' && PUBLIC_APOLLO_CODES.has(code)) {
      const { stacktrace: _stack, ...rest } = formatted.extensions ?? {};
      return { ...formatted, extensions: rest };
    }
    const traceId = crypto.randomUUID();
    const original = error instanceof GraphQLError ? (error.originalError ?? error) : error;
    log.error({ err: original, traceId, path: formatted.path }, 'unexpected error');
    return {
      message: `Internal error; quote trace id ${traceId} when reporting it.`,
      ...(formatted.path ? { path: formatted.path } : {}),
      extensions: { code: 'INTERNAL_SERVER_ERROR', traceId },
    };
  };
}
