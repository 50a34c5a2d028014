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
  expiry: NodeJS.Timeout | undefined;
}

interface ConnectionDeps {
  config: GatewayConfig;
  metrics: LiveMetrics;
  log: Logger;
  states: WeakMap<WebSocket, ConnectionState>;
  /** This instance's open sockets by user: bounds them per user, closes them on sign-out. */
  sockets: SocketRegistry;
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

/** Closes the socket when the token expires, so the client reconnects with a fresh one. */
function expiryTimer(token: string, socket: WebSocket): NodeJS.Timeout | undefined {
  const exp = decodeJwt(token).exp;
  // setTimeout holds at most ~24.8 days; a token living longer is checked again on reconnect.
  const msLeft = exp ? Math.min(exp * 1000 - Date.now(), 2 ** 31 - 1) : 0;
  const expiry = msLeft > 0 ? setTimeout(() => socket.close(CloseCode.Unauthorized, 'Access token expired: refresh it and reconnect'), msLeft) : undefined;
  expiry?.unref();
  return expiry;
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
  return async (ctx: { connectionParams?: Readonly<Record<string, unknown>>; extra: { socket: WebSocket; request: http.IncomingMessage } }): Promise<boolean> => {
    const { socket, request } = ctx.extra;
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
    states.set(socket, { identity, budget, expiry: expiryTimer(token, socket) });
    metrics.connections.inc();
    return true;
  };
}

/** graphql-ws's onClose: forgets the connection, its expiry timer and its place in the registry. */
export function connectionCloser(deps: Pick<ConnectionDeps, 'metrics' | 'states' | 'sockets'>) {
  return (ctx: { extra: { socket: WebSocket } }): void => {
    const state = deps.states.get(ctx.extra.socket);
    if (!state) return;
    clearTimeout(state.expiry);
    deps.states.delete(ctx.extra.socket);
    deps.sockets.release(state.identity.userId, ctx.extra.socket);
    deps.metrics.connections.dec();
  };
}
