import type { GraphQLFormattedError } from 'graphql';
import { createErrorFormatter, type Logger } from '@sx/runtime';

/**
 * Which subgraph answered is an internal fact: @apollo/gateway adds it to every subgraph error
 * as `extensions.serviceName`. Kept for developers; a production gateway leaves it in the log.
 */
function withoutServiceName(formatted: GraphQLFormattedError): GraphQLFormattedError {
  if (!formatted.extensions || !('serviceName' in formatted.extensions)) return formatted;
  const { serviceName: _internal, ...extensions } = formatted.extensions;
  return { ...formatted, extensions };
}

/**
 * The runtime formatter (public codes pass, everything else is masked with a trace id), plus
 * one case: an INTERNAL_SERVER_ERROR a subgraph already masked keeps the subgraph's trace id,
 * so the id a user quotes is the one in the log that holds the stack.
 */
export function createGatewayErrorFormatter(log: Logger, opts: { exposeServiceName: boolean }) {
  const format = createErrorFormatter(log);
  const formatOne = (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
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
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const result = formatOne(formatted, error);
    return opts.exposeServiceName ? result : withoutServiceName(result);
  };
}
