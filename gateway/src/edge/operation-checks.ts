import type { GraphQLRequestContextDidResolveOperation } from '@apollo/server';
import { Kind, type OperationDefinitionNode } from 'graphql';
import { refusalError } from '@sx/runtime';
import type { GatewayContext } from '../auth-context.js';

const badRequest = { http: { status: 400 } };

function operationNames(operations: readonly OperationDefinitionNode[]): string {
  const names = operations.map((op) => op.name?.value).filter((n): n is string => n !== undefined);
  return names.length > 0 ? names.join(', ') : 'no named operation';
}

/** Where a client opens the WebSocket: this URL with ws(s):// (behind TLS the Host still names it). */
function webSocketUrl(ctx: GraphQLRequestContextDidResolveOperation<GatewayContext>): string {
  const host = ctx.request.http?.headers.get('host') ?? 'this host';
  const forwardedProto = ctx.request.http?.headers.get('x-forwarded-proto');
  return `${forwardedProto === 'https' ? 'wss' : 'ws'}://${host}/graphql`;
}

/**
 * The mistakes of a request that Apollo Gateway would answer with a crash (HTTP 500): no
 * operation to run (several without `operationName`, or a name that is not in the document),
 * and a subscription over HTTP, which the gateway serves only over graphql-ws.
 */
export function checkOperationChoice(ctx: GraphQLRequestContextDidResolveOperation<GatewayContext>): void {
  const { operation, document, request } = ctx;
  if (operation?.operation === 'subscription') {
    throw refusalError(
      'SUBSCRIPTION_OVER_HTTP',
      `Subscriptions are not served over HTTP: open a graphql-ws (graphql-transport-ws) WebSocket to ${webSocketUrl(ctx)}, the same URL, and subscribe there.`,
      badRequest,
    );
  }
  if (operation) return;
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  if (request.operationName) {
    throw refusalError(
      'UNKNOWN_OPERATION_NAME',
      `operationName "${request.operationName.slice(0, 100)}" names no operation of the document (it holds ${operationNames(operations)}).`,
      badRequest,
    );
  }
  throw refusalError(
    'OPERATION_NAME_REQUIRED',
    `The document holds ${operations.length} operations (${operationNames(operations)}): say which to run in operationName.`,
    badRequest,
  );
}
