/**
 * Many graphql-ws subscribers in one process, on raw `ws` sockets speaking the
 * graphql-transport-ws protocol: no client library per socket, so 10,000 sockets stay cheap and
 * the receive timestamp is taken before anything else runs for a message.
 */
import WebSocket from 'ws';

/** One `next` message as it arrived: when (performance.now() of this process) and its payload. */
export interface Delivery {
  receivedAt: number;
  payload: unknown;
}

export interface LiveSockets {
  sockets: number;
  subscriptions: number;
  /** Messages other than `next` (errors, completes) and socket closes, for the report. */
  problems: string[];
  closeAll: () => Promise<void>;
}

export interface OpenOptions {
  /** ws://…/graphql */
  url: string;
  token: string;
  sockets: number;
  perSocket: number;
  query: string;
  variables: Record<string, unknown>;
  operationName: string;
  /** Sockets being opened at once. */
  concurrency?: number;
  onNext: (delivery: Delivery) => void;
}

/** Opens one socket, waits for connection_ack and sends its subscriptions (the protocol has no subscribe ack). */
function openOne(opts: OpenOptions, index: number, problems: string[]): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(opts.url, 'graphql-transport-ws');
    let acked = false;
    ws.on('open', () => ws.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${opts.token}` } })));
    ws.on('message', (raw: Buffer) => {
      const receivedAt = performance.now();
      const message = JSON.parse(raw.toString('utf8')) as { type: string; id?: string; payload?: unknown };
      if (message.type === 'next') return opts.onNext({ receivedAt, payload: message.payload });
      if (message.type === 'ping') return ws.send(JSON.stringify({ type: 'pong' }));
      if (message.type === 'connection_ack') {
        acked = true;
        for (let k = 0; k < opts.perSocket; k++) {
          const payload = { query: opts.query, variables: opts.variables, operationName: opts.operationName };
          ws.send(JSON.stringify({ id: `${index}.${k}`, type: 'subscribe', payload }));
        }
        return resolve(ws);
      }
      if (message.type !== 'pong') problems.push(`${message.type}: ${JSON.stringify(message.payload).slice(0, 200)}`);
    });
    ws.on('close', (code, reason) => {
      if (!acked) reject(new Error(`socket ${index} closed before connection_ack: ${code} ${reason.toString()}`));
      else if (code !== 1000) problems.push(`socket closed ${code} ${reason.toString()}`);
    });
    ws.on('error', (err) => {
      if (!acked) reject(err);
      else problems.push(`socket error ${err.message}`);
    });
  });
}

export async function openLiveSockets(opts: OpenOptions): Promise<LiveSockets> {
  const problems: string[] = [];
  const open: WebSocket[] = [];
  const concurrency = opts.concurrency ?? 100;
  let next = 0;
  let failed = false;
  const closeAll = () =>
    Promise.all(
      open.map(
        (ws) =>
          new Promise<void>((resolve) => {
            if (ws.readyState === WebSocket.CLOSED) return resolve();
            ws.once('close', () => resolve());
            ws.close(1000, 'bench done');
          }),
      ),
    ).then(() => undefined);
  const results = await Promise.allSettled(
    Array.from({ length: Math.min(concurrency, opts.sockets) }, async () => {
      while (next < opts.sockets && !failed) {
        const index = next++;
        try {
          open.push(await openOne(opts, index, problems));
        } catch (err) {
          failed = true;
          throw err;
        }
      }
    }),
  );
  const failure = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failure) {
    await closeAll();
    throw failure.reason;
  }
  return { sockets: open.length, subscriptions: open.length * opts.perSocket, problems, closeAll };
}
