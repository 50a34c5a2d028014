import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import { GraphQLError } from 'graphql';
import { signIdentity } from '@sx/runtime';
import { ANONYMOUS } from '@sx/core';
import type { GatewayContext } from './auth-context.js';
import { Inflight } from './inflight.js';
import { SubgraphHttp, type SubgraphReply } from './subgraph-http.js';
import type { SubgraphMetrics } from './subgraph-metrics.js';
import { viewerScope } from './viewer-scope.js';

export interface SignedDataSourceOptions {
  name: string;
  url: string;
  identitySecret: string;
  timeoutMs: number;
  maxSockets: number;
  /** Share one subgraph fetch between identical reads in flight for the same viewer scope. */
  dedup: boolean;
  metrics: SubgraphMetrics;
}

/**
 * A read can be shared; a mutation never is (each one must happen). Only fetches made for a
 * client's query count as reads: a mutation's follow-up fetches are not shared either.
 */
function isRead(options: GraphQLDataSourceProcessOptions<GatewayContext>): boolean {
  // Schema loading and health checks have no incoming request.
  if (!('incomingRequestContext' in options)) return false;
  return options.incomingRequestContext.operation?.operation === 'query';
}

/**
 * Every request to a subgraph carries the caller's identity (anonymous included) signed with
 * the shared secret and a fresh timestamp; subgraphs refuse anything the gateway did not sign.
 *
 * Identical reads in flight at the same moment share one fetch when their viewer scope is the
 * same (see viewer-scope.ts): the key is the body and the scope, so no viewer ever receives
 * another's private answer, and the shared fetch is signed once, for that scope. Each caller
 * parses the shared body itself, because the gateway merges into what it receives.
 */
export class SignedDataSource implements GraphQLDataSource<GatewayContext> {
  readonly name: string;
  private readonly http: SubgraphHttp;
  private readonly inflight = new Inflight<SubgraphReply>();

  constructor(private readonly opts: SignedDataSourceOptions) {
    this.name = opts.name;
    this.http = new SubgraphHttp(opts);
  }

  async process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<GatewayGraphQLResponse> {
    // Schema loading and health checks have no caller; they go out as anonymous.
    const context = options.context as Partial<GatewayContext>;
    const identity = context.identity ?? ANONYMOUS;
    const { query, variables, operationName, extensions } = options.request;
    const body = JSON.stringify({ query, variables, operationName, extensions });
    const send = () => {
      const headers: Record<string, string> = { 'content-type': 'application/json', ...signIdentity(identity, this.opts.identitySecret) };
      if (context.requestId) headers['x-request-id'] = context.requestId;
      return this.http.post(body, headers);
    };
    const { result, shared } = this.opts.dedup && isRead(options) ? this.inflight.run(`${viewerScope(identity)}\n${body}`, send) : { result: send(), shared: false };
    this.opts.metrics.fetches.inc({ subgraph: this.name, shared: String(shared) });
    return this.parse(await result);
  }

  /**
   * A non-2xx answer from a subgraph is never the client's fault (the gateway signed and
   * validated the request), so it carries no public code: the formatter masks it and logs this
   * message. Apollo's default would relay 401 as UNAUTHENTICATED with the subgraph's URL.
   */
  private parse(reply: SubgraphReply): GatewayGraphQLResponse {
    if (reply.status < 200 || reply.status > 299) {
      throw new GraphQLError(`Subgraph ${this.name} answered HTTP ${reply.status}: ${reply.body.slice(0, 500)}`);
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(reply.body);
    } catch {
      throw new Error(`Subgraph ${this.name} answered with a body that is not JSON: ${reply.body.slice(0, 200)}`);
    }
    if (typeof parsed !== 'object' || parsed === null) throw new Error(`Subgraph ${this.name} answered ${reply.body.slice(0, 200)}, not a GraphQL response`);
    return parsed as GatewayGraphQLResponse;
  }

  close(): Promise<void> {
    return this.http.close();
  }
}
