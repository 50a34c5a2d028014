import { createClient as createWsClient, type Client } from 'graphql-ws';
import type { TokenStore } from './tokens.js';

/** A ping every this often keeps idle proxies from dropping the socket and detects a dead one. */
export const KEEP_ALIVE_MS = 15_000;
/** A ping unanswered for this long means the connection is dead: drop it and reconnect. */
export const PONG_TIMEOUT_MS = 5_000;
/** How long the server may take to acknowledge the connection before we give up on it. */
export const CONNECTION_ACK_TIMEOUT_MS = 10_000;

export interface LiveConnectionOptions {
  url: string;
  store: TokenStore;
  /** A WebSocket constructor where there is no global one (Node 20, tests). */
  webSocketImpl?: unknown;
}

/**
 * The one graphql-ws socket every subscription of a client shares, created on first use. It
 * never retries by itself (`retryAttempts: 0`): each subscription decides, because only it knows
 * the cursor to resume from (see subscription.ts).
 */
export class LiveConnection {
  private client: Client | null = null;
  /** The access token the current socket was opened with: the one a 4401 close refuses. */
  private token: string | null = null;
  private connectedAt: number | null = null;
  private uptimeMs = 0;
  private readonly options: LiveConnectionOptions;

  constructor(options: LiveConnectionOptions) {
    this.options = options;
  }

  /** The graphql-ws client, made on first use (and again after `dispose`). */
  get ws(): Client {
    this.client ??= this.create();
    return this.client;
  }

  /** The access token the socket last connected with, or null for an anonymous connection. */
  get lastToken(): string | null {
    return this.token;
  }

  /**
   * How long the last socket stayed connected before it broke (0 when it never got connected):
   * a subscription tells a flapping server from a long healthy connection that just dropped.
   */
  get lastUptimeMs(): number {
    return this.uptimeMs;
  }

  /** Closes the socket; the next subscription opens a new one, with the then current token. */
  dispose(): void {
    const client = this.client;
    this.client = null;
    this.connectedAt = null;
    void client?.dispose();
  }

  private noteDown(): void {
    if (this.connectedAt === null) return;
    this.uptimeMs = Date.now() - this.connectedAt;
    this.connectedAt = null;
  }

  private create(): Client {
    const { store, url, webSocketImpl } = this.options;
    let pongTimer: ReturnType<typeof setTimeout> | undefined;
    const client = createWsClient({
      url,
      lazy: true,
      retryAttempts: 0,
      keepAlive: KEEP_ALIVE_MS,
      connectionAckWaitTimeout: CONNECTION_ACK_TIMEOUT_MS,
      ...(webSocketImpl ? { webSocketImpl } : {}),
      // A function, so every (re)connection sends the token stored now, not the one at creation.
      connectionParams: async () => {
        const tokens = await store.get();
        this.token = tokens?.accessToken ?? null;
        return tokens ? { authorization: `Bearer ${tokens.accessToken}` } : {};
      },
      on: {
        connecting: () => {
          this.uptimeMs = 0;
        },
        connected: () => {
          this.connectedAt = Date.now();
        },
        // Registered before graphql-ws's own listeners, so the uptime is known when the
        // subscriptions hear of the close.
        error: () => this.noteDown(),
        closed: () => {
          this.noteDown();
          clearTimeout(pongTimer);
        },
        ping: (received) => {
          if (received) return;
          clearTimeout(pongTimer);
          // terminate() rather than close(): a dead TCP connection would never finish a close handshake.
          pongTimer = setTimeout(() => client.terminate(), PONG_TIMEOUT_MS);
        },
        pong: (received) => {
          if (received) clearTimeout(pongTimer);
        },
      },
    });
    return client;
  }
}
