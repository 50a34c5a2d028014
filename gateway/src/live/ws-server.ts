import type http from 'node:http';
import type { ApolloServer } from '@apollo/server';
import { GraphQLError, getOperationAST, parse, type DocumentNode, type ExecutionArgs, type GraphQLSchema } from 'graphql';
import type { Registry } from 'prom-client';
import { WebSocketServer, type WebSocket } from 'ws';
import { findInputProblem, inputProblemError, type Logger, type Redis, refusalError } from '@sx/runtime';
import type { GatewayContext, TokenCheck } from '../auth-context.js';
import { trustedClientIp } from '../client-ip.js';
import { edgeKeyPrefix } from '../edge/edge-env.js';
import type { GatewayConfig } from '../env.js';
import { LIVE_DOMAINS, type LiveEvent } from './bindings.js';
import { connectAttemptGate } from './connect-attempts.js';
import { LiveEventFeed } from './event-feed.js';
import { createHydrator, createPreflight } from './hydrator.js';
import { LiveHub } from './live-hub.js';
import { createLiveMetrics } from './live-metrics.js';
import { prepareSubscription, type PreparedSubscription } from './selection.js';
import { watchSignOuts } from './sign-outs.js';
import { watchSignUps } from './sign-ups.js';
import { SocketRegistry } from './socket-registry.js';
import { subscriptionLimitRefusal, taskGuard } from './subscription-guards.js';
import { createTaskVisibility } from './task-visibility.js';
import { TokenExpiry } from './token-expiry.js';
import { closeExpired, connectionAuthenticator, connectionCloser, type ConnectionState } from './ws-connection.js';
import { serveGraphqlWs, type SocketExtra } from './ws-transport.js';

export { SLOW_CONSUMER_CLOSE, TOO_MANY_SOCKETS_CLOSE } from './ws-connection.js';

/** Distinct subscriptions (document, operation, variables) kept parsed and prepared. */
const PREPARED_CACHE_SIZE = 5_000;

interface LiveContext {
  prepared: PreparedSubscription;
  state: ConnectionState;
  /** The graphql-ws id of the subscription: its payloads are written as `next` messages of it. */
  id: string;
}

interface PreparedEntry {
  schema: GraphQLSchema;
  document: DocumentNode;
  result: PreparedSubscription | readonly GraphQLError[];
}

interface SubscribePayload {
  query: string;
  operationName?: string | null;
  variables?: Record<string, unknown> | null;
}

export interface LiveServer {
  hub: LiveHub;
  feed: LiveEventFeed;
  stop: () => Promise<void>;
}

/**
 * graphql-ws's onSubscribe: the subscription parsed and prepared against the current schema.
 * Many clients send the very same subscription: they share one parsed and prepared copy.
 */
function subscriptionPreparer(deps: { config: GatewayConfig; apiSchema: () => GraphQLSchema | undefined; states: WeakMap<WebSocket, ConnectionState> }) {
  const prepared = new Map<string, PreparedEntry>();
  const prepareEntry = (schema: GraphQLSchema, payload: SubscribePayload): PreparedEntry | readonly GraphQLError[] => {
    let document: DocumentNode;
    try {
      document = parse(payload.query, { maxTokens: deps.config.MAX_TOKENS });
    } catch (err) {
      return [err instanceof GraphQLError ? err : new GraphQLError('The document could not be parsed.')];
    }
    return { schema, document, result: prepareSubscription(schema, document, payload.variables, payload.operationName) };
  };
  return (
    ctx: { extra: SocketExtra; subscriptions: Readonly<Record<string, unknown>> },
    id: string,
    payload: SubscribePayload,
  ): ExecutionArgs | readonly GraphQLError[] => {
    const state = deps.states.get(ctx.extra.socket);
    const schema = deps.apiSchema();
    if (!schema || !state) return [refusalError('GATEWAY_STARTING', 'The gateway is starting; retry in a moment.')];
    // graphql-ws has already counted this one among the socket's subscriptions.
    const overLimit = subscriptionLimitRefusal(Object.keys(ctx.subscriptions).length, deps.config.WS_MAX_SUBSCRIPTIONS_PER_SOCKET);
    if (overLimit) return overLimit;
    const cacheKey = JSON.stringify([payload.query, payload.operationName ?? null, payload.variables ?? null]);
    let entry = prepared.get(cacheKey);
    if (!entry || entry.schema !== schema) {
      const made = prepareEntry(schema, payload);
      if (Array.isArray(made)) return made;
      entry = made as PreparedEntry;
      if (prepared.size >= PREPARED_CACHE_SIZE) prepared.clear();
      prepared.set(cacheKey, entry);
    }
    if (Array.isArray(entry.result)) return entry.result;
    const operation = getOperationAST(entry.document, payload.operationName);
    const problem = operation ? findInputProblem(schema, entry.document, operation, payload.variables ?? undefined) : null;
    if (problem) return [inputProblemError(problem, 400)];
    const contextValue: LiveContext = { prepared: entry.result as PreparedSubscription, state, id };
    return { schema, document: entry.document, variableValues: payload.variables, operationName: payload.operationName, contextValue };
  };
}

/**
 * The event feed and the hub that fans its events out to subscribers, started. The feed also
 * follows the users stream: its sign-outs close that user's sockets (sign-outs.ts), its sign-ups
 * make the new user known (sign-ups.ts).
 */
async function startHub(opts: {
  config: GatewayConfig;
  server: ApolloServer<GatewayContext>;
  metrics: ReturnType<typeof createLiveMetrics>;
  /** The users stream's events: sign-outs close sockets and end sessions, sign-ups make users known. */
  usersEvents: { domain: string; onEvent: (event: LiveEvent) => void };
  log: Logger;
}) {
  const { config, usersEvents, log } = opts;
  const hubRef: { hub?: LiveHub } = {};
  const feed = new LiveEventFeed({
    natsUrl: config.NATS_URL,
    namespace: config.EVENTS_NAMESPACE,
    domains: [...LIVE_DOMAINS, usersEvents.domain],
    log,
    onEvent: (domain, event) => (domain === usersEvents.domain ? usersEvents.onEvent(event) : hubRef.hub?.dispatch(domain, event)),
  });
  const hydrate = createHydrator(opts.server, log);
  const hub = new LiveHub({ feed, hydrate, metrics: opts.metrics, log });
  hubRef.hub = hub;
  await feed.start();
  return { feed, hub, preflight: createPreflight(hydrate) };
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
  /** The access-token keys and the known users, as for HTTP requests. */
  tokens: TokenCheck;
  log: Logger;
}): Promise<LiveServer> {
  const { config, log } = opts;
  const metrics = createLiveMetrics(opts.registry);
  const states = new WeakMap<WebSocket, ConnectionState>();
  const sockets = new SocketRegistry(config.WS_MAX_SOCKETS_PER_USER);
  const expiries = new TokenExpiry(closeExpired);
  const clientIp = trustedClientIp(config.TRUST_PROXY);
  const signOuts = watchSignOuts(sockets, opts.tokens.endedSessions, log);
  const signUps = watchSignUps(opts.tokens.knownUsers);
  const usersEvents = {
    domain: signOuts.domain,
    onEvent: (event: LiveEvent) => {
      signOuts.onEvent(event);
      signUps.onEvent(event);
    },
  };
  const { feed, hub, preflight } = await startHub({ config, server: opts.server, metrics, usersEvents, log });
  const taskRefusal = taskGuard(createTaskVisibility(opts.server, log));
  // Subscribers write their payloads themselves (live-subscriber.ts), so they count them too.
  const onSent = (field: string) => metrics.deliveries.inc({ field });
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
  const serverCleanup = serveGraphqlWs(
    {
      connectionInitWaitTimeout: config.WS_INIT_TIMEOUT_MS,
      onConnect: connectionAuthenticator({ config, metrics, log, states, sockets, expiries, clientIp, tokens: opts.tokens }),
      onSubscribe: subscriptionPreparer({ config, apiSchema: opts.apiSchema, states }),
      subscribe: async (args) => {
        const { prepared, state, id } = args.contextValue as LiveContext;
        const errors = await preflight(prepared);
        if (errors.length > 0) return { errors };
        const refusal = await taskRefusal(prepared, state.identity);
        if (refusal) return { errors: [refusal] };
        return hub.subscribe(prepared, state.identity, state.budget, { id, write: state.write, onSent });
      },
      onClose: connectionCloser({ metrics, states, sockets, expiries }),
    },
    wss,
    { keepAliveMs: config.WS_KEEPALIVE_MS, log },
  );
  return {
    hub,
    feed,
    stop: async () => {
      expiries.stop();
      await serverCleanup.dispose();
      await feed.stop();
    },
  };
}
