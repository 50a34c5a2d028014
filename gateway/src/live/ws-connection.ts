import type http from 'node:http';
import { CloseCode } from 'graphql-ws';
import { decodeJwt } from 'jose';
import type { WebSocket } from 'ws';
import { type Logger, verifyAccessToken } from '@sx/runtime';
import type { Identity } from '@sx/core';
import { tokenRefusal, type TokenCheck } from '../auth-context.js';
import { bearerToken } from '../bearer-token.js';
import type { GatewayConfig } from '../env.js';
import { ConnectionBudget } from './connection-budget.js';
import type { LiveMetrics } from './live-metrics.js';
import type { SocketRegistry } from './socket-registry.js';
import type { TokenExpiry } from './token-expiry.js';
import { socketWriter, type SocketExtra } from './ws-transport.js';

/**
 * Close codes beyond graphql-ws's own (4401 unauthorized — also after the user signed out —,
 * 4403 forbidden, 4408 init timeout). docs/security.md lists them all.
 */
export const SLOW_CONSUMER_CLOSE = 4008;
/** The user already holds WS_MAX_SOCKETS_PER_USER sockets on this instance. */
export const TOO_MANY_SOCKETS_CLOSE = 4429;

/** What the gateway keeps for one authenticated graphql-ws connection. */
export interface ConnectionState {
  identity: Identity & { userId: string };
  budget: ConnectionBudget;
  /** The access token's `exp` (seconds), watched by the shared TokenExpiry; null when it has none. */
  expiry: number | null;
  /** Writes one payload message to the socket (ws-transport.ts): one function per connection, shared by its subscriptions. */
  write: (message: string, taken: () => void) => boolean;
}

interface ConnectionDeps {
  config: GatewayConfig;
  metrics: LiveMetrics;
  log: Logger;
  states: WeakMap<WebSocket, ConnectionState>;
  /** This instance's open sockets by user: bounds them per user, closes them on sign-out. */
  sockets: SocketRegistry;
  /** Closes each socket when its access token expires. */
  expiries: TokenExpiry;
  /** The client's address under TRUST_PROXY (client-ip.ts). */
  clientIp: (request: http.IncomingMessage) => string | null;
  tokens: TokenCheck;
}

function tokenOf(params: Readonly<Record<string, unknown>> | undefined): string | null {
  const header = params?.['authorization'] ?? params?.['Authorization'];
  return typeof header === 'string' ? bearerToken(header) : null;
}

/**
 * Browsers always send Origin; native and server clients do not, and are not at CSRF risk.
 * The gateway's own pages (GraphiQL) are same-origin: their Origin names the Host asked.
 */
function originAllowed(request: http.IncomingMessage, corsOrigins: readonly string[]): boolean {
  const origin = request.headers.origin;
  if (origin === undefined) return true;
  const sameOrigin = URL.canParse(origin) && new URL(origin).host === request.headers.host;
  return sameOrigin || corsOrigins.includes(origin);
}

/** The close a socket gets when its access token expires: the client reconnects with a fresh one. */
export function closeExpired(socket: WebSocket): void {
  socket.close(CloseCode.Unauthorized, 'Access token expired: refresh it and reconnect');
}

/**
 * graphql-ws's onConnect: an allowed Origin, a valid access token in
 * `connectionParams.authorization` and room for one more socket of that user (at most
 * WS_MAX_SOCKETS_PER_USER), or the socket is closed with the reason.
 */
export function connectionAuthenticator(deps: ConnectionDeps) {
  const { config, metrics, log, states, sockets, tokens } = deps;
  const refuse = (socket: WebSocket, code: number, reason: string, label: string): false => {
    metrics.refused.inc({ reason: label });
    socket.close(code, reason);
    return false;
  };
  return async (ctx: { connectionParams?: Readonly<Record<string, unknown>>; extra: SocketExtra }): Promise<boolean> => {
    const { socket, request } = ctx.extra;
    // graphql-ws admits one ConnectionInit per socket, and the request is kept until then.
    if (!request) return refuse(socket, CloseCode.Forbidden, 'Connection already initialised', 'reinit');
    if (!originAllowed(request, config.CORS_ORIGINS)) {
      return refuse(socket, CloseCode.Forbidden, `Origin ${request.headers.origin} is not allowed`, 'origin');
    }
    const token = tokenOf(ctx.connectionParams);
    if (!token) {
      return refuse(socket, CloseCode.Unauthorized, 'Send connectionParams { authorization: "Bearer <access token>" }', 'no_token');
    }
    const check = await verifyAccessToken(token, tokens.secrets);
    if (!check.ok) {
      const reason = check.reason === 'expired' ? 'Access token expired: refresh it and reconnect' : 'Access token is not valid';
      return refuse(socket, CloseCode.Unauthorized, reason, check.reason);
    }
    const { userId } = check.claims;
    const refused = await tokenRefusal(tokens, check.claims);
    if (refused) return refuse(socket, CloseCode.Unauthorized, refused.message, String(refused.extensions['reason'] ?? 'refused').toLowerCase());
    if (!sockets.admit(userId, socket)) {
      const reason = `Too many live connections for this user (at most ${config.WS_MAX_SOCKETS_PER_USER}): close one first`;
      return refuse(socket, TOO_MANY_SOCKETS_CLOSE, reason, 'sockets_per_user');
    }
    const budget = new ConnectionBudget(config.WS_MAX_QUEUE, () => {
      metrics.slowConsumers.inc();
      log.warn({ userId }, 'closing a slow live connection');
      socket.close(SLOW_CONSUMER_CLOSE, 'Slow consumer: too many undelivered events');
    });
    const identity = { userId, roles: check.claims.roles, ip: deps.clientIp(request) };
    const expiry = decodeJwt(token).exp ?? null;
    if (expiry !== null) deps.expiries.watch(socket, expiry);
    states.set(socket, { identity, budget, expiry, write: socketWriter(socket) });
    forgetHandshake(ctx);
    metrics.connections.inc();
    return true;
  };
}

/**
 * graphql-ws keeps its context for the connection's whole life, and with it the upgrade request
 * (headers and all) and the connection params (the access token): about 2 KB per idle socket
 * that nothing reads once the connection is admitted (docs/performance.md, idle subscriptions).
 */
function forgetHandshake(ctx: { connectionParams?: Readonly<Record<string, unknown>>; extra: SocketExtra }): void {
  // Assigned, not deleted: a delete would turn the object into a dictionary, larger than the saving.
  ctx.extra.request = undefined;
  // graphql-ws types it read-only for hooks; it never reads it again itself.
  (ctx as { connectionParams?: unknown }).connectionParams = undefined;
}

/** graphql-ws's onClose: forgets the connection, its token's expiry and its place in the registry. */
export function connectionCloser(deps: Pick<ConnectionDeps, 'metrics' | 'states' | 'sockets' | 'expiries'>) {
  return (ctx: { extra: SocketExtra }): void => {
    const state = deps.states.get(ctx.extra.socket);
    if (!state) return;
    if (state.expiry !== null) deps.expiries.forget(ctx.extra.socket, state.expiry);
    deps.states.delete(ctx.extra.socket);
    deps.sockets.release(state.identity.userId, ctx.extra.socket);
    deps.metrics.connections.dec();
  };
}
