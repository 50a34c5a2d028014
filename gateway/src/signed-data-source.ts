import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { GraphQLError } from 'graphql';
import { signIdentity } from '@sx/runtime';
import { ANONYMOUS } from '@sx/core';
import type { GatewayContext } from './auth-context.js';

type Fetcher = RemoteGraphQLDataSource['fetcher'];
type FetcherResponse = Awaited<ReturnType<Fetcher>>;

export interface SignedDataSourceOptions {
  name: string;
  url: string;
  identitySecret: string;
  timeoutMs: number;
}

/**
 * Node's own fetch, bounded by a timeout so one stuck subgraph cannot hold requests forever.
 * Failures become plain Errors that say what happened: fetch's own ("fetch failed", or a
 * DOMException whose read-only message breaks plugins that rewrite error messages) do not.
 */
function timedFetcher(name: string, timeoutMs: number): Fetcher {
  return async (url, init) => {
    try {
      return await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
    } catch (err) {
      if (err instanceof DOMException && err.name === 'TimeoutError') {
        throw new Error(`Subgraph ${name} did not answer within ${timeoutMs} ms`);
      }
      const cause = (err as { cause?: { message?: string } }).cause?.message ?? (err as Error).message;
      throw new Error(`Subgraph ${name} is unreachable at ${url}: ${cause}`);
    }
  };
}

/**
 * Every request to a subgraph carries the caller's identity (anonymous included) signed with
 * the shared secret and a fresh timestamp; subgraphs refuse anything the gateway did not sign.
 */
export class SignedDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  readonly name: string;
  private readonly identitySecret: string;

  constructor(opts: SignedDataSourceOptions) {
    super({ url: opts.url, fetcher: timedFetcher(opts.name, opts.timeoutMs) });
    this.name = opts.name;
    this.identitySecret = opts.identitySecret;
  }

  override willSendRequest(options: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    // Schema loading and health checks have no caller; they go out as anonymous.
    const context = options.context as Partial<GatewayContext>;
    const headers = options.request.http?.headers;
    if (!headers) return;
    for (const [header, value] of Object.entries(signIdentity(context.identity ?? ANONYMOUS, this.identitySecret))) {
      headers.set(header, value);
    }
    if (context.requestId) headers.set('x-request-id', context.requestId);
  }

  /**
   * A non-2xx answer from a subgraph is never the client's fault (the gateway signed and
   * validated the request), so it carries no public code: the formatter masks it and logs this
   * message. Apollo's default would relay 401 as UNAUTHENTICATED with the subgraph's URL.
   */
  override async errorFromResponse(response: FetcherResponse): Promise<GraphQLError> {
    const body = await response.text().catch(() => '');
    return new GraphQLError(`Subgraph ${this.name} answered HTTP ${response.status}: ${body.slice(0, 500)}`);
  }
}
