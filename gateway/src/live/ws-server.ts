import type http from 'node:http';
import type { ApolloServer } from '@apollo/server';
import { GraphQLError, getOperationAST, parse, type DocumentNode, type GraphQLSchema } from 'graphql';
import { CloseCode } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import { decodeJwt } from 'jose';
import type { Registry } from 'prom-client';
import { WebSocketServer, type WebSocket } from 'ws';
import { findInputProblem, inputProblemError, type Logger, type Redis, refusalError, verifyAccessToken } from '@sx/runtime';
import type { Identity } from '@sx/core';
import type { GatewayContext } from '../auth-context.js';
import { trustedClientIp } from '../client-ip.js';
import { edgeKeyPrefix } from '../edge/edge-env.js';
import type { GatewayConfig } from '../env.js';
import { LIVE_DOMAINS } from './bindings.js';
import { connectAttemptGate } from './connect-attempts.js';
import { ConnectionBudget } from './connection-budget.js';
import { LiveEventFeed } from './event-feed.js';
import { createHydrator, createPreflight } from './hydrator.js';
import { LiveHub } from './live-hub.js';
import { createLiveMetrics } from './live-metrics.js';
import { prepareSubscription, type PreparedSubscription } from './selection.js';
import { watchSignOuts } from './sign-outs.js';
import { SocketRegistry } from './socket-registry.js';
import { subscriptionLimitRefusal, taskGuard } from './subscription-guards.js';
import { createTaskVisibility } from './task-visibility.js';

/** Distinct subscriptions (document, operation, variables) kept parsed and prepared. */
const PREPARED_CACHE_SIZE = 5_000;

/**
 * Close codes beyond graphql-ws's own (4401 unauthorized — also after the user signed out —,
 * 4403 forbidden, 4408 init timeout). docs/security.md lists them all.
 */
export const SLOW_CONSUMER_CLOSE = 4008;
/** The user already holds WS_MAX_SOCKETS_PER_USER sockets on this instance. */
export const TOO_MANY_SOCKETS_CLOSE = 4429;

interface ConnectionState {
  identity: Identity & { userId: string };
  budget: ConnectionBudget;
  expiry: NodeJS.Timeout | undefined;
}

interface LiveContext {
  prepared: PreparedSubscription;
  state: ConnectionState;
}

export interface LiveServer {
  hub: LiveHub;
  feed: LiveEventFeed;
  stop: () => Promise<void>;
}

function tokenOf(params: Readonly<Record<string, unknown>> | undefined): string | null {
  const header = params?.['authorization'] ?? params?.['Authorization'];
  if (typeof header !== 'string') return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1] ?? null;
}

/**
 * graphql-ws on the gateway's own port and path. A connection needs a valid access token in
 * `connectionParams.authorization` and, from a browser, an allowed Origin; it is closed when
 * the token expires (the client reconnects with a fresh one) or when it stops reading.
 */
export async function startLiveServer(opts: {
  httpServer: http.Server;
  config: GatewayConfig;
  server: ApolloServer<GatewayContext>;
  /** The public API schema the gateway serves (subscriptions are validated against it). */
  apiSchema: () => GraphQLSchema | undefined;
  registry: Registry;
  /** Counts connection attempts per address over every instance. */
  redis: Redis;
  log: Logger;
}): Promise<LiveServer> {
  const { config, log } = opts;
  const metrics = createLiveMetrics(opts.registry);
  const states = new WeakMap<WebSocket, ConnectionState>();
  // Many clients send the very same subscription: they share one parsed and prepared copy.
  const prepared = new Map<string, { schema: GraphQLSchema; document: DocumentNode; result: PreparedSubscription | readonly GraphQLError[] }>();
  const hubRef: { hub?: LiveHub } = {};
  const sockets = new SocketRegistry(config.WS_MAX_SOCKETS_PER_USER);
  const signOuts = watchSignOuts(sockets, log);
  const feed = new LiveEventFeed({
    natsUrl: config.NATS_URL,
    namespace: config.EVENTS_NAMESPACE,
    domains: [...LIVE_DOMAINS, signOuts.domain],
    log,
    onEvent: (domain, event) => (domain === signOuts.domain ? signOuts.onEvent(event) : hubRef.hub?.dispatch(domain, event)),
  });
  const hydrate = createHydrator(opts.server, log);
  const preflight = createPreflight(hydrate);
  const taskRefusal = taskGuard(createTaskVisibility(opts.server, log));
  const clientIp = trustedClientIp(config.TRUST_PROXY);
  const hub = new LiveHub({ feed, hydrate, metrics, log });
  hubRef.hub = hub;
  await feed.start();

  const wss = new WebSocketServer({
    server: opts.httpServer,
    path: '/graphql',
    maxPayload: 64 * 1024,
    verifyClient: connectAttemptGate({
      redis: opts.redis,
      keyPrefix: edgeKeyPrefix(config),
      attempts: config.WS_CONNECT_ATTEMPTS_PER_IP,
      windowSeconds: config.WS_CONNECT_WINDOW_SECONDS,
      clientIp,
      onRefused: () => metrics.refused.inc({ reason: 'attempts' }),
    }),
  });
  const refuse = (socket: WebSocket, code: number, reason: string, label: string): false => {
    metrics.refused.inc({ reason: label });
    socket.close(code, reason);
    return false;
  };

  const serverCleanup = useServer<Record<string, unknown>>(
    {
      connectionInitWaitTimeout: config.WS_INIT_TIMEOUT_MS,
      onConnect: async (ctx) => {
        const { socket, request } = ctx.extra;
        const origin = request.headers.origin;
        // Browsers always send Origin; native and server clients do not, and are not at CSRF risk.
        // The gateway's own pages (GraphiQL) are same-origin: their Origin names the Host asked.
        const sameOrigin = origin !== undefined && URL.canParse(origin) && new URL(origin).host === request.headers.host;
        if (origin !== undefined && !sameOrigin && !config.CORS_ORIGINS.includes(origin)) {
          return refuse(socket, CloseCode.Forbidden, `Origin ${origin} is not allowed`, 'origin');
        }
        const token = tokenOf(ctx.connectionParams);
        if (!token) {
          return refuse(socket, CloseCode.Unauthorized, 'Send connectionParams { authorization: "Bearer <access token>" }', 'no_token');
        }
        const check = await verifyAccessToken(token, config.JWT_SECRET);
        if (!check.ok) {
          const reason = check.reason === 'expired' ? 'Access token expired: refresh it and reconnect' : 'Access token is not valid';
          return refuse(socket, CloseCode.Unauthorized, reason, check.reason);
        }
        const { userId } = check.claims;
        const exp = decodeJwt(token).exp;
        if (!sockets.admit(userId, socket)) {
          const reason = `Too many live connections for this user (at most ${config.WS_MAX_SOCKETS_PER_USER}): close one first`;
          return refuse(socket, TOO_MANY_SOCKETS_CLOSE, reason, 'sockets_per_user');
        }
        const budget = new ConnectionBudget(config.WS_MAX_QUEUE, () => {
          metrics.slowConsumers.inc();
          log.warn({ userId: check.claims.userId }, 'closing a slow live connection');
          socket.close(SLOW_CONSUMER_CLOSE, 'Slow consumer: too many undelivered events');
        });
        // setTimeout holds at most ~24.8 days; a token living longer is checked again on reconnect.
        const msLeft = exp ? Math.min(exp * 1000 - Date.now(), 2 ** 31 - 1) : 0;
        const expiry = msLeft > 0 ? setTimeout(() => socket.close(CloseCode.Unauthorized, 'Access token expired: refresh it and reconnect'), msLeft) : undefined;
        expiry?.unref();
        states.set(socket, { identity: { userId, roles: check.claims.roles, ip: clientIp(request) }, budget, expiry });
        metrics.connections.inc();
        return true;
      },
      onSubscribe: (ctx, _id, payload) => {
        const state = states.get(ctx.extra.socket);
        const schema = opts.apiSchema();
        if (!schema || !state) return [refusalError('GATEWAY_STARTING', 'The gateway is starting; retry in a moment.')];
        // graphql-ws has already counted this one among the socket's subscriptions.
        const overLimit = subscriptionLimitRefusal(Object.keys(ctx.subscriptions).length, config.WS_MAX_SUBSCRIPTIONS_PER_SOCKET);
        if (overLimit) return overLimit;
        const cacheKey = JSON.stringify([payload.query, payload.operationName ?? null, payload.variables ?? null]);
        let entry = prepared.get(cacheKey);
        if (!entry || entry.schema !== schema) {
          let document: DocumentNode;
          try {
            document = parse(payload.query, { maxTokens: config.MAX_TOKENS });
          } catch (err) {
            return [err instanceof GraphQLError ? err : new GraphQLError('The document could not be parsed.')];
          }
          entry = { schema, document, result: prepareSubscription(schema, document, payload.variables, payload.operationName) };
          if (prepared.size >= PREPARED_CACHE_SIZE) prepared.clear();
          prepared.set(cacheKey, entry);
        }
        if (Array.isArray(entry.result)) return entry.result;
        const operation = getOperationAST(entry.document, payload.operationName);
        const problem = operation ? findInputProblem(schema, entry.document, operation, payload.variables ?? undefined) : null;
        if (problem) return [inputProblemError(problem, 400)];
        const contextValue: LiveContext = { prepared: entry.result as PreparedSubscription, state };
        return { schema, document: entry.document, variableValues: payload.variables, operationName: payload.operationName, contextValue };
      },
      subscribe: async (args) => {
        const { prepared, state } = args.contextValue as LiveContext;
        const errors = await preflight(prepared);
        if (errors.length > 0) return { errors };
        const refusal = await taskRefusal(prepared, state.identity);
        if (refusal) return { errors: [refusal] };
        return hub.subscribe(prepared, state.identity, state.budget);
      },
      onNext: (_ctx, _id, _payload, args) => {
        metrics.deliveries.inc({ field: (args.contextValue as LiveContext).prepared.binding.field });
      },
      onClose: (ctx) => {
        const state = states.get(ctx.extra.socket);
        if (!state) return;
        clearTimeout(state.expiry);
        states.delete(ctx.extra.socket);
        sockets.release(state.identity.userId, ctx.extra.socket);
        metrics.connections.dec();
      },
    },
    wss,
    config.WS_KEEPALIVE_MS,
  );

  return {
    hub,
    feed,
    stop: async () => {
      await serverCleanup.dispose();
      await feed.stop();
    },
  };
}
