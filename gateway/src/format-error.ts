import type { GraphQLFormattedError } from 'graphql';
import { createErrorFormatter, type Logger } from '@sx/runtime';

/**
 * The runtime formatter (public codes pass, everything else is masked with a trace id), plus
 * one case: an INTERNAL_SERVER_ERROR a subgraph already masked keeps the subgraph's trace id,
 * so the id a user quotes is the one in the log that holds the stack.
 */
export function createGatewayErrorFormatter(log: Logger) {
  const format = createErrorFormatter(log);
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const ext = formatted.extensions;
    const alreadyMasked =
      ext?.code === 'INTERNAL_SERVER_ERROR' && typeof ext.serviceName === 'string' && typeof ext.traceId === 'string';
    if (!alreadyMasked) return format(formatted, error);
    log.error({ traceId: ext.traceId, subgraph: ext.serviceName, path: formatted.path }, 'subgraph reported an internal error');
    return {
      message: formatted.message,
      ...(formatted.path ? { path: formatted.path } : {}),
      extensions: { code: 'INTERNAL_SERVER_ERROR', traceId: ext.traceId, serviceName: ext.serviceName },
    };
  };
}
