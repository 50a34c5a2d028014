import type { ApolloServerPlugin } from '@apollo/server';
import { nameRequestSpan, type OmittedSpans } from '@sx/runtime';
import type { GatewayContext } from './auth-context.js';

/**
 * @apollo/gateway's span per fetch of the query plan, which duplicated ours: SignedDataSource's
 * CLIENT span `fetch <subgraph>` covers the same call, is the one whose id the subgraph continues
 * (traceparent), and shows each retry. Apollo's was an INTERNAL span around it, so every fetch
 * showed twice, one inside the other.
 */
export const APOLLO_DUPLICATE_SPANS: OmittedSpans = { 'apollo/gateway-js': ['gateway.fetch'] };

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
