import type { ApolloServerPlugin } from '@apollo/server';
import { nameRequestSpan } from '@sx/runtime';
import type { GatewayContext } from './auth-context.js';

/**
 * Names the request's span after the client's operation (`mutation AcceptBid`) as soon as the
 * document is resolved; the span itself is opened around /graphql (traceRequests), so the
 * subgraph fetches of the query plan become its children.
 */
export function tracingPlugin(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, operationName }) {
          if (operation) nameRequestSpan(operation.operation, operationName ?? undefined);
        },
      };
    },
  };
}
