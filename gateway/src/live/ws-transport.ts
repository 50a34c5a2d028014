import type http from 'node:http';
import { CloseCode, handleProtocols, makeServer, type ServerOptions } from 'graphql-ws';
import type { WebSocket, WebSocketServer } from 'ws';
import type { Logger } from '@sx/runtime';

/** What graphql-ws hooks see as `ctx.extra`: the socket, its upgrade request until admitted, its writer. */
export interface SocketExtra {
  socket: WebSocket;
  /** Dropped once the connection is admitted (ws-connection.ts): nothing reads it later. */
  request?: http.IncomingMessage | undefined;
  /** Writes one message; settles once the socket took it (or at once when closing), never rejects. */
  send: (message: string) => Promise<void>;
}

const INTERNAL_ERROR = 'Internal server error';

/**
 * Settles once the socket took the message, or at once when it is closing. Never rejects: a
 * failed write closes the socket, and graphql-ws's close ends its subscriptions.
 */
function socketSender(socket: WebSocket): (message: string) => Promise<void> {
  return (message) =>
    new Promise<void>((resolve) => {
      if (socket.readyState !== socket.OPEN) return resolve();
      socket.send(message, () => resolve());
    });
}

/**
 * Writes without a promise per message: true when the socket took the message at once (its
 * buffer is empty again, the common case), else false and `taken` is called once it has, or
 * the write failed (a failed write closes the socket). Nothing is written to a closing socket.
 */
export function socketWriter(socket: WebSocket): (message: string, taken: () => void) => boolean {
  return (message, taken) => {
    if (socket.readyState !== socket.OPEN) return true;
    let waiting = false;
    socket.send(message, () => {
      if (waiting) taken();
    });
    if (socket.bufferedAmount === 0) return true;
    waiting = true;
    return false;
  };
}

/**
 * One timer for the keep-alive of every socket, instead of graphql-ws's interval (and pong
 * timeout) per socket: each tick pings every open socket and terminates those that did not
 * answer the previous tick's ping. A dead peer goes within two intervals, as with graphql-ws.
 */
function keepAlive(wss: WebSocketServer, intervalMs: number): { onPong: (this: WebSocket) => void; stop: () => void } {
  const awaiting = new WeakSet<WebSocket>();
  const timer =
    intervalMs > 0 && Number.isFinite(intervalMs)
      ? setInterval(() => {
          for (const socket of wss.clients) {
            if (socket.readyState !== socket.OPEN) continue;
            if (awaiting.has(socket)) {
              socket.terminate();
              continue;
            }
            awaiting.add(socket);
            socket.ping();
          }
        }, intervalMs)
      : undefined;
  timer?.unref();
  return {
    onPong(this: WebSocket) {
      awaiting.delete(this);
    },
    stop: () => clearInterval(timer),
  };
}

/**
 * graphql-ws's server on a `ws` server, like graphql-ws's own `useServer`, but lighter per idle
 * socket (docs/performance.md, idle subscriptions): one shared keep-alive timer, shared
 * listeners where the socket is `this`, one writer per socket that the subscriptions reuse,
 * and the upgrade request kept only until the connection is admitted.
 */
export function serveGraphqlWs(
  options: ServerOptions<Record<string, unknown>, SocketExtra>,
  wss: WebSocketServer,
  opts: { keepAliveMs: number; log: Logger },
): { dispose: () => Promise<void> } {
  const server = makeServer(options);
  const { log } = opts;
  wss.options.handleProtocols = handleProtocols;
  const alive = keepAlive(wss, opts.keepAliveMs);
  function onSocketError(this: WebSocket, err: Error): void {
    log.error({ err }, 'a live socket failed');
    this.close(CloseCode.InternalServerError, INTERNAL_ERROR);
  }
  wss.once('error', (err) => {
    log.error({ err }, 'the live WebSocket server failed');
    for (const client of wss.clients) client.close(CloseCode.InternalServerError, INTERNAL_ERROR);
  });
  wss.on('connection', (socket: WebSocket, request: http.IncomingMessage) => {
    socket.once('error', onSocketError);
    socket.on('pong', alive.onPong);
    const send = socketSender(socket);
    const closed = server.opened(
      {
        protocol: socket.protocol,
        send,
        close: (code, reason) => socket.close(code, reason),
        onMessage: (cb) =>
          socket.on('message', (data) => {
            cb(String(data)).catch((err: unknown) => {
              log.error({ err }, 'a live message could not be handled');
              socket.close(CloseCode.InternalServerError, INTERNAL_ERROR);
            });
          }),
      },
      { socket, request, send },
    );
    socket.once('close', (code, reason) => {
      closed(code, String(reason)).catch((err: unknown) => log.error({ err }, 'a live socket could not be closed cleanly'));
    });
  });
  return {
    dispose: async () => {
      alive.stop();
      for (const client of wss.clients) client.close(1001, 'Going away');
      wss.removeAllListeners();
      await new Promise<void>((resolve, reject) => wss.close((err) => (err ? reject(err) : resolve())));
    },
  };
}
