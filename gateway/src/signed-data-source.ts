import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import { GraphQLError } from 'graphql';
import { randomUUID } from 'node:crypto';
import { currentTraceparent, inSpan, signSubgraphRequest, SpanKind } from '@sx/runtime';
import { ANONYMOUS } from '@sx/core';
import type { GatewayContext } from './auth-context.js';
import { Inflight } from './inflight.js';
import { SubgraphHttp, type SubgraphReply } from './subgraph-http.js';
import type { EventCache } from './cache/event-cache.js';
import { subgraphsChangedBy } from './cache/invalidation.js';
import type { SubgraphMetrics } from './subgraph-metrics.js';
import type { BreakerLimits } from './resilience/circuit-breaker.js';
import type { RetryLimits } from './resilience/read-retry.js';
import { SubgraphGuard } from './resilience/subgraph-guard.js';
import { PUBLIC_SCOPE, viewerScope } from './viewer-scope.js';

export interface SignedDataSourceOptions {
  name: string;
  url: string;
  /** This subgraph's own key, derived from IDENTITY_SECRET (deriveIdentityKey). */
  identityKey: string;
  timeoutMs: number;
  maxSockets: number;
  /** Share one subgraph fetch between identical reads in flight for the same viewer scope. */
  dedup: boolean;
  metrics: SubgraphMetrics;
  /** The circuit breaker's and the read retries' bounds. */
  resilience: BreakerLimits & RetryLimits;
  /** Answers kept until a domain event invalidates them (opt-in per root field or entity type). */
  cache?: Pick<EventCache, 'store' | 'rules' | 'responses' | 'publicFields'>;
}

/**
 * What a fetch was made for: a client's query (a read: it may be shared and cached), a client's
 * mutation (never shared; its fetches invalidate the cache), or the gateway itself (schema
 * loading, health checks). A mutation's follow-up fetches count as the mutation's.
 */
function purposeOf(options: GraphQLDataSourceProcessOptions<GatewayContext>): 'read' | 'write' | 'internal' {
  if (!('incomingRequestContext' in options)) return 'internal';
  return options.incomingRequestContext.operation?.operation === 'query' ? 'read' : 'write';
}

/**
 * Every request to a subgraph carries the caller's identity (anonymous included) signed with
 * that subgraph's own key, bound to the subgraph, the method, the body and a fresh request id
 * and timestamp; subgraphs refuse anything the gateway did not sign for them (docs/security.md).
 *
 * Identical reads in flight at the same moment share one fetch when their viewer scope is the
 * same (see viewer-scope.ts): the key is the body and the scope, so no viewer ever receives
 * another's private answer, and the shared fetch is signed once, for that scope. An opted-in
 * read of public fields only (cache/public-fields.ts) is keyed `public` and signed as anonymous,
 * so every viewer shares it and it holds nothing an anonymous caller may not see. Each caller
 * parses the shared body itself, because the gateway merges into what it receives.
 */
export class SignedDataSource implements GraphQLDataSource<GatewayContext> {
  readonly name: string;
  private readonly http: SubgraphHttp;
  private readonly inflight = new Inflight<SubgraphReply>();
  /** The subgraph's circuit breaker and read retries (tests read its state). */
  readonly guard: SubgraphGuard;

  constructor(private readonly opts: SignedDataSourceOptions) {
    this.name = opts.name;
    this.http = new SubgraphHttp(opts);
    this.guard = new SubgraphGuard(opts.name, opts.resilience, opts.metrics);
  }

  async process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<GatewayGraphQLResponse> {
    const context = options.context as Partial<GatewayContext>;
    const { query, variables, operationName, extensions } = options.request;
    const body = JSON.stringify({ query, variables, operationName, extensions });
    const purpose = purposeOf(options);
    const { cache } = this.opts;
    const cacheable = purpose === 'read' && cache !== undefined && cache.rules.cacheable(query ?? '', variables);
    // Only public fields: one answer for everyone, so it is fetched as anonymous whoever asks
    // (even a wrongly marked field then holds nothing more than an anonymous caller may see).
    const publicOnly = cacheable && cache.publicFields?.isPublic(query ?? '') === true;
    // Schema loading and health checks have no caller; they go out as anonymous too.
    const identity = publicOnly ? ANONYMOUS : (context.identity ?? ANONYMOUS);
    const signAndPost = () =>
      inSpan(`fetch ${this.name}`, { kind: SpanKind.CLIENT, attributes: { 'sx.subgraph': this.name } }, async () => {
        // Read here, in the open span: the headers are made later, when a connection comes free.
        const traceparent = currentTraceparent();
        // Signed as the request leaves the queue, so its timestamp never ages there (IDENTITY_MAX_SKEW_MS).
        const headersFor = () => {
          // A fresh id per fetch: the subgraph serves each signed request once (its replay guard).
          const signed = signSubgraphRequest(identity, this.opts.identityKey, { subgraph: this.name, method: 'POST', body, requestId: randomUUID() });
          const headers: Record<string, string> = { 'content-type': 'application/json', ...signed };
          if (context.requestId) headers['x-request-id'] = context.requestId;
          // The subgraph continues this trace (it trusts the gateway's traceparent, never a client's).
          if (traceparent) headers.traceparent = traceparent;
          return headers;
        };
        return this.http.post(body, headersFor);
      });
    const send = () => this.guard.fetch(signAndPost, purpose === 'read' ? 'read' : 'write');
    if (purpose !== 'read') {
      this.opts.metrics.fetches.inc({ subgraph: this.name, shared: 'false' });
      const reply = await send();
      // Before the client sees the mutation's answer, so its next read cannot be served stale.
      if (purpose === 'write') this.opts.cache?.store.invalidate(subgraphsChangedBy(this.name));
      return this.parse(reply);
    }
    const scope = publicOnly ? PUBLIC_SCOPE : viewerScope(identity);
    return this.parse(await this.read(options.context, `${scope}\n${body}`, cacheable, scope, send));
  }

  /**
   * A read: from the cache when opted in and fresh, else shared with identical reads in flight.
   * Each read is noted for the request's whole-response cache (what it was built from, and when).
   */
  private async read(context: object, key: string, cacheable: boolean, scope: string, send: () => Promise<SubgraphReply>): Promise<SubgraphReply> {
    const { cache, metrics } = this.opts;
    const generation = cacheable && cache ? cache.store.generation(this.name) : 0;
    const note = (fetchedAt: number, shared: boolean) => cache?.responses?.sources.note(context, { subgraph: this.name, cacheable, generation, fetchedAt, shared });
    if (cacheable && cache) {
      const hit = cache.store.get(this.name, key);
      metrics.cache.inc({ subgraph: this.name, outcome: hit ? 'hit' : 'miss', scope: scope === PUBLIC_SCOPE ? 'public' : 'viewer' });
      if (hit) {
        note(hit.storedAt, false);
        return hit.reply;
      }
    }
    const { result, shared } = this.opts.dedup ? this.inflight.run(key, send) : { result: send(), shared: false };
    note(Date.now(), shared);
    metrics.fetches.inc({ subgraph: this.name, shared: String(shared) });
    const reply = await result;
    if (cacheable && cache && !shared) cache.store.store(this.name, key, generation, reply);
    return reply;
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
