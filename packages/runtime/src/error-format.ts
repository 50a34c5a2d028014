import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { Logger } from 'pino';
import { DomainError, ERROR_CODES, ERROR_REASONS, type ErrorReason, refusalExtensions } from '@sx/core';

/** Codes a client may see as they are: ours (the catalogue's) and Apollo's request-level ones. */
const PUBLIC_CODES = new Set<string>([
  ...Object.keys(ERROR_CODES),
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
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
        extensions: refusalExtensions(domain),
      };
    }
    const code = formatted.extensions?.code;
    if (typeof code === 'string' && PUBLIC_CODES.has(code)) {
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

/**
 * A catalogued refusal as a GraphQLError, for code that answers outside a resolver (the gateway's
 * own checks, graphql-ws): the same `code` + `reason` shape a DomainError gets from the formatter.
 */
export function refusalError(reason: ErrorReason, message: string, extra: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ERROR_REASONS[reason].code, reason, ...extra } });
}
