import { eventually, stackInfo } from '@sx/testkit';
import WebSocket from 'ws';
import {
  createClient,
  memoryTokenStore,
  PlaceBidDocument,
  PostTaskDocument,
  type ClientOptions,
  type PlaceBidMutation,
  type SxClient,
  type TokenStore,
} from '../src/index.js';

/** A fetch that is the real one, and remembers the operationName of every request it sent. */
export function countingFetch(): { fetch: typeof fetch; sent: string[]; count: (operationName: string) => number } {
  const sent: string[] = [];
  const counting: typeof fetch = async (input, init) => {
    const body = typeof init?.body === 'string' ? (JSON.parse(init.body) as { operationName?: string }) : {};
    sent.push(body.operationName ?? '(anonymous)');
    return fetch(input, init);
  };
  return { fetch: counting, sent, count: (name) => sent.filter((n) => n === name).length };
}

/**
 * The `ws` WebSocket, with the sockets it opened and the messages they sent kept for the test,
 * and a switch that makes new connections fail as if the network were down (they dial a port
 * nothing listens on). Not a fake of the gateway: every connection that opens is a real one.
 */
export function observedWebSocket() {
  const sockets: ObservedSocket[] = [];
  const sent: Record<string, unknown>[] = [];
  const network = { up: true };
  class ObservedSocket extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(network.up ? url : 'ws://127.0.0.1:9/graphql', protocols);
      sockets.push(this);
    }
    // `any` because ws overloads send(data, cb) and send(data, options, cb); the arguments pass through untouched.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    override send(data: any, ...rest: any[]): void {
      if (typeof data === 'string') sent.push(JSON.parse(data) as Record<string, unknown>);
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      (super.send as (...args: any[]) => void)(data, ...rest);
    }
  }
  return {
    WebSocketImpl: ObservedSocket,
    sockets,
    /** The payloads of the `subscribe` messages sent, oldest first. */
    subscribes: () => sent.filter((m) => m.type === 'subscribe').map((m) => m.payload as { variables?: Record<string, unknown> }),
    network,
  };
}

export interface TestClient {
  sx: SxClient;
  store: TokenStore;
  http: ReturnType<typeof countingFetch>;
  ws: ReturnType<typeof observedWebSocket>;
}

/** A client of the test stack's gateway with a counting fetch and an observed WebSocket. */
export function testClient(opts: Partial<ClientOptions> = {}): TestClient {
  const http = countingFetch();
  const ws = observedWebSocket();
  const store = opts.tokenStore ?? memoryTokenStore();
  const sx = createClient({
    url: stackInfo().gatewayUrl,
    fetch: http.fetch,
    webSocketImpl: ws.WebSocketImpl,
    // Quick retries keep the reconnect tests short; the policy is the production code path.
    reconnect: { minDelayMs: 100, maxDelayMs: 1_000, maxAttempts: 30 },
    ...opts,
    tokenStore: store,
  });
  return { sx, store, http, ws };
}

let counter = 0;

/** A fresh account's credentials. */
export function newAccount(name: string) {
  counter += 1;
  const email = `sdk${counter}.${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}@example.test`;
  return { email, password: 'correct horse battery staple', name };
}

/** A client signed up as a new user (POSTER and TASKER). */
export async function signedUpClient(name: string, opts: Partial<ClientOptions> = {}): Promise<TestClient & { userId: string }> {
  const client = testClient(opts);
  const res = await client.sx.signUp(newAccount(name));
  if (!res.ok) throw res.error;
  return { ...client, userId: res.data.id };
}

/** Posts a remote EUR task and returns its id. */
export async function postTask(sx: SxClient, title = 'Assemble a bookshelf'): Promise<string> {
  const res = await sx.request(PostTaskDocument, { input: { title, category: 'HANDYMAN', budget: { amount: 10_000, currency: 'EUR' } } });
  if (!res.ok) throw res.error;
  return res.data.postTask.id;
}

/** Places a bid, retrying while bidding has not yet heard of the task (the retryable CONFLICT). */
export async function placeBidWhenKnown(sx: SxClient, taskId: string, amountCents: number): Promise<PlaceBidMutation['placeBid']> {
  const res = await eventually(
    () => sx.request(PlaceBidDocument, { input: { taskId, amount: { amount: amountCents, currency: 'EUR' }, message: 'I can do it.' } }),
    (r) => r.ok || !r.error.retryable,
    { what: 'bidding to know the task' },
  );
  if (!res.ok) throw res.error;
  return res.data.placeBid;
}
