import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { eventually } from './eventually.js';

/** What one subscription received, in order. */
export interface LiveFeed<T> {
  events: T[];
  errors: unknown[];
  /** Events whose `id` (or `cursor`) an earlier event of this feed already had: delivered twice. */
  duplicates: T[];
  /**
   * Resolves with the first `count` events once that many have arrived; fails if any event,
   * before or after position `count`, arrived twice (events are told apart by the `id` or
   * `cursor` the subscription selects).
   */
  waitFor: (count: number, timeoutMs?: number) => Promise<T[]>;
  stop: () => void;
}

export interface LiveConnection {
  client: Client;
  /** How the socket closed (code and reason), once it has. */
  closed: Promise<{ code: number; reason: string }>;
  subscribe: <T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>) => LiveFeed<T>;
  dispose: () => Promise<void>;
}

/** What tells one live event from another: the `id` or `cursor` of its root field, if selected. */
function identityOf(data: unknown): string | null {
  const root = data && typeof data === 'object' ? Object.values(data as Record<string, unknown>)[0] : null;
  if (!root || typeof root !== 'object') return null;
  const { id, cursor } = root as { id?: unknown; cursor?: unknown };
  if (typeof id === 'string') return `id:${id}`;
  return typeof cursor === 'string' ? `cursor:${cursor}` : null;
}

/** ws:// URL of a gateway's /graphql from its http:// one. */
export function wsUrlOf(graphqlUrl: string): string {
  return graphqlUrl.replace(/^http/, 'ws');
}

/**
 * A real graphql-ws client on a gateway, as web and mobile apps connect: the token in
 * connectionParams, no retries (tests look at how a socket closes), connected at once.
 */
export function liveConnection(graphqlUrl: string, opts: { token?: string | null; origin?: string } = {}): LiveConnection {
  let onClosed: (value: { code: number; reason: string }) => void = () => undefined;
  const closed = new Promise<{ code: number; reason: string }>((resolve) => (onClosed = resolve));
  const headers = opts.origin ? { origin: opts.origin } : undefined;
  class OriginWebSocket extends WebSocket {
    constructor(address: string, protocols?: string | string[]) {
      super(address, protocols, { headers });
    }
  }
  const client = createClient({
    url: wsUrlOf(graphqlUrl),
    webSocketImpl: OriginWebSocket,
    lazy: false,
    retryAttempts: 0,
    connectionParams: opts.token ? { authorization: `Bearer ${opts.token}` } : {},
    onNonLazyError: () => undefined,
    on: {
      closed: (event) => {
        const e = event as { code?: number; reason?: string | Buffer };
        onClosed({ code: e.code ?? 0, reason: String(e.reason ?? '') });
      },
    },
  });
  return {
    client,
    closed,
    subscribe<T>(query: string, variables: Record<string, unknown> = {}): LiveFeed<T> {
      const events: T[] = [];
      const errors: unknown[] = [];
      const duplicates: T[] = [];
      const seen = new Set<string>();
      const stop = client.subscribe<T>(
        { query, variables },
        {
          next: (result) => {
            if (result.errors) errors.push(result.errors);
            if (result.data) {
              const identity = identityOf(result.data);
              if (identity !== null && seen.has(identity)) duplicates.push(result.data as T);
              if (identity !== null) seen.add(identity);
              events.push(result.data as T);
            }
          },
          error: (err) => errors.push(err),
          complete: () => undefined,
        },
      );
      return {
        events,
        errors,
        duplicates,
        stop,
        waitFor: async (count, timeoutMs = 20_000) => {
          await eventually(
            async () => ({ received: events.length, errors, duplicates: duplicates.length }),
            (v) => v.received >= count || v.errors.length > 0 || v.duplicates > 0,
            { timeoutMs, what: `${count} live events` },
          );
          if (duplicates.length > 0) throw new Error(`delivered twice: ${JSON.stringify(duplicates)}`);
          if (errors.length > 0 && events.length < count) throw new Error(`subscription failed: ${JSON.stringify(errors)}`);
          return events.slice(0, count);
        },
      };
    },
    dispose: () => client.dispose() as Promise<void>,
  };
}
