import { existsSync, readFileSync } from 'node:fs';
import http from 'node:http';
import express from 'express';
import type { GraphQLSchema } from 'graphql';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import { accessTokenSecrets, createLogger, createMetrics, createRedis, deriveIdentityKey, metricsHandler, securityHeaders, startTracing, traceRequests, type Logger, type Metrics, type Redis } from '@sx/runtime';
import { createContextFunction, type GatewayContext } from './auth-context.js';
import { startLiveServer, type LiveServer } from './live/ws-server.js';
import { introspectionEnabled, subgraphUrlFor, type GatewayConfig } from './env.js';
import { edgeKeyPrefix } from './edge/edge-env.js';
import { edgePlugin } from './edge/edge-plugin.js';
import { RequestBudget } from './edge/request-budget.js';
import { createGatewayErrorFormatter } from './format-error.js';
import { graphiqlRoutes } from './graphiql.js';
import { fileProxy } from './file-proxy.js';
import { EndedSessions } from './ended-sessions.js';
import { KnownUsers } from './known-users.js';
import { preloadKnownUsers } from './known-users-preload.js';
import { usersClient } from './users-client.js';
import { armorProtection, bodyErrorHandler, bodyGuard, corsGuard } from './guards.js';
import { gatewayProbes, readyzHandler } from './readiness.js';
import { requestTelemetry, type RequestRecorder } from './request-telemetry.js';
import { answerKnownRefusals, RefusedDocuments, refusedDocumentsPlugin } from './refused-documents.js';
import { APOLLO_DUPLICATE_SPANS, tracingPlugin } from './tracing.js';
import { startEventCache, type EventCache } from './cache/event-cache.js';
import { answerFromResponseCache, responseCachePlugin } from './cache/response-cache-http.js';
import { SignedDataSource } from './signed-data-source.js';
import { createKnownUsersMetrics, createSubgraphMetrics } from './subgraph-metrics.js';

/** Refused documents whose verdict is remembered (each at most 8 KB of text). */
const REFUSED_DOCUMENTS_KEPT = 1_000;

export interface RunningGateway {
  /** http://host:port/graphql */
  url: string;
  port: number;
  stop: () => Promise<void>;
  /** Live subscriptions of this instance (tests look at its hub and feed). */
  live: LiveServer;
  /** Which token users this instance believes exist (tests look at what it learnt from events). */
  knownUsers: KnownUsers;
  /** The start-up read of existing accounts: how many users it added (0 when it is off). */
  knownUsersPreloaded: Promise<number>;
}

function readSupergraph(path: string): string {
  if (!existsSync(path)) {
    throw new Error(`No supergraph at ${path}: run \`npm run compose\` to build it from the subgraph schemas.`);
  }
  return readFileSync(path, 'utf8');
}

/** A wildcard address is reachable on loopback; IPv6 literals need brackets in a URL. */
function displayHost(host: string): string {
  if (host === '0.0.0.0' || host === '::') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}

/**
 * Apollo Gateway over the committed supergraph; each subgraph is reached through a
 * SignedDataSource. `subgraphUrls` is filled while the gateway loads: exactly the subgraphs the
 * supergraph routes to.
 */
function createApolloGateway(config: GatewayConfig, log: Logger, metrics: Metrics, cache: EventCache | undefined) {
  const subgraphUrls = new Map<string, string>();
  const dataSources: SignedDataSource[] = [];
  const subgraphMetrics = createSubgraphMetrics(metrics.registry);
  // @apollo/gateway exports usage data to Apollo unless this is set: a product's gateway should
  // not phone home by default, and the exporter showed in every CPU profile (issue 19). An
  // operator who wants it sets APOLLO_TELEMETRY_DISABLED=false.
  process.env.APOLLO_TELEMETRY_DISABLED ??= 'true';
  const gateway = new ApolloGateway({
    supergraphSdl: readSupergraph(config.SUPERGRAPH_PATH),
    logger: log,
    buildService: ({ name }) => {
      const url = subgraphUrlFor(config, name);
      subgraphUrls.set(name, url);
      const source = new SignedDataSource({
        name,
        url,
        identityKey: deriveIdentityKey(config.IDENTITY_SECRET, name),
        timeoutMs: config.SUBGRAPH_TIMEOUT_MS,
        maxSockets: config.SUBGRAPH_MAX_SOCKETS,
        dedup: config.SUBGRAPH_DEDUP,
        metrics: subgraphMetrics,
        resilience: {
          failureThreshold: config.BREAKER_FAILURES,
          openMs: config.BREAKER_OPEN_MS,
          retries: config.SUBGRAPH_READ_RETRIES,
          baseDelayMs: config.SUBGRAPH_RETRY_BASE_MS,
          maxDelayMs: config.SUBGRAPH_RETRY_MAX_MS,
        },
        cache,
      });
      dataSources.push(source);
      return source;
    },
  });
  return { gateway, subgraphUrls, dataSources };
}

/**
 * Apollo Server over the gateway, with the guards, error masking, request telemetry and the edge
 * checks (client mistakes, error cap, the request budget counted in `redis`).
 */
function createApolloServer(opts: {
  config: GatewayConfig;
  gateway: ApolloGateway;
  httpServer: http.Server;
  metrics: Metrics;
  redis: Redis;
  log: Logger;
  telemetry: RequestRecorder & { plugin: ApolloServerPlugin<GatewayContext> };
  refused: RefusedDocuments;
  budget: RequestBudget;
  cache: EventCache | undefined;
}) {
  const { config, log, budget } = opts;
  const armor = armorProtection(config);
  return new ApolloServer<GatewayContext>({
    gateway: opts.gateway,
    logger: log,
    introspection: introspectionEnabled(config),
    includeStacktraceInErrorResponses: false,
    allowBatchedHttpRequests: false,
    // index.ts owns SIGTERM/SIGINT (exitOnSignals); Apollo's own handler would re-raise the
    // signal and kill the process before the drain finishes.
    stopOnTerminationSignals: false,
    formatError: createGatewayErrorFormatter(log, { exposeServiceName: config.NODE_ENV !== 'production' }),
    validationRules: armor.validationRules,
    parseOptions: armor.parseOptions,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer: opts.httpServer }),
      // GraphiQL is the gateway's own bundled page (src/graphiql.ts); Apollo's landing page needs a CDN.
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginInlineTraceDisabled(),
      opts.telemetry.plugin,
      tracingPlugin(),
      edgePlugin({ budget, maxErrors: config.MAX_RESPONSE_ERRORS }),
      // After the edge plugin: it keeps the errors as the client got them, tidied.
      refusedDocumentsPlugin(opts.refused),
      ...(opts.cache?.responses ? [responseCachePlugin(opts.cache.responses.cache, opts.cache.responses.sources)] : []),
      ...armor.plugins,
    ],
  });
}

/**
 * The public door: Apollo Gateway over the composed supergraph, behind CORS, a body limit and
 * query limits, with the caller's identity signed into every subgraph request. Also serves
 * /healthz, /readyz and /metrics. Used by index.ts and, in-process, by tests.
 */
export async function startGateway(config: GatewayConfig, opts: { log?: Logger } = {}): Promise<RunningGateway> {
  const log = opts.log ?? createLogger('gateway', config.LOG_LEVEL);
  const tracing = startTracing('gateway', { omitSpans: APOLLO_DUPLICATE_SPANS });
  const metrics = createMetrics('gateway');
  const cache = await startEventCache(config, log);
  const { gateway, subgraphUrls, dataSources } = createApolloGateway(config, log, metrics, cache);

  let apiSchema: GraphQLSchema | undefined;
  // Registered before start: the first load is announced once, not replayed to late listeners.
  gateway.onSchemaLoadOrUpdate((update) => {
    apiSchema = update.apiSchema;
    cache?.publicFields?.useSchema(update.apiSchema);
  });

  const app = express();
  app.disable('x-powered-by');
  app.use(securityHeaders());
  app.set('trust proxy', config.TRUST_PROXY);
  const httpServer = http.createServer(app);
  // Request budgets and WebSocket attempt counters, shared by every gateway instance.
  const redis = createRedis(config.REDIS_URL, log);
  const users = usersClient({ url: config.USERS_URL, identityKey: deriveIdentityKey(config.IDENTITY_SECRET, 'users'), timeoutMs: config.SUBGRAPH_TIMEOUT_MS });
  const knownUsers = new KnownUsers(users.lookup, {
    ttlMs: config.KNOWN_USER_TTL_MS,
    unknownTtlMs: config.UNKNOWN_USER_TTL_MS,
    maxEntries: config.KNOWN_USERS_MAX,
    observe: createKnownUsersMetrics(metrics.registry),
  });
  const stopPreload = new AbortController();
  // Not awaited: the gateway serves while it reads, and readiness does not wait for it.
  const preloaded =
    config.KNOWN_USERS_PRELOAD_MAX > 0
      ? preloadKnownUsers({ knownUsers, accountIds: users.accountIds, maxUsers: config.KNOWN_USERS_PRELOAD_MAX, log, signal: stopPreload.signal }).catch((err: unknown) => {
          log.error({ err }, 'reading known users from users failed');
          return 0;
        })
      : Promise.resolve(0);
  const endedSessions = new EndedSessions(redis, edgeKeyPrefix({ EVENTS_NAMESPACE: config.EVENTS_NAMESPACE }), log);
  const tokens = { secrets: accessTokenSecrets(config), knownUsers, endedSessions };
  const telemetry = requestTelemetry(metrics);
  // Documents the guards refused, answered again without parsing (emptied with every new schema).
  const refused = new RefusedDocuments(REFUSED_DOCUMENTS_KEPT);
  gateway.onSchemaLoadOrUpdate(() => refused.clear());
  // Charged on Apollo's path (edge plugin) and on answers from the response cache alike.
  const budget = new RequestBudget(redis, edgeKeyPrefix(config), {
    userPoints: config.RATE_LIMIT_USER_POINTS,
    ipPoints: config.RATE_LIMIT_IP_POINTS,
    windowSeconds: config.RATE_LIMIT_WINDOW_SECONDS,
  });
  const server = createApolloServer({ config, gateway, httpServer, metrics, redis, log, telemetry, refused, budget, cache });
  await server.start();
  // graphql-ws on the same port and path; Apollo Gateway itself does not execute subscriptions.
  const live = await startLiveServer({ httpServer, config, server, apiSchema: () => apiSchema, registry: metrics.registry, redis, tokens, log });

  const alive: express.RequestHandler = (_req, res) => {
    res.json({ status: 'ok', service: 'gateway' });
  };
  app.get('/healthz', alive);
  app.get('/livez', alive);
  const probes = gatewayProbes({ subgraphs: () => subgraphUrls, redis: () => redis.ping(), nats: () => live.feed.ping() }, config.READY_TIMEOUT_MS);
  app.get('/readyz', readyzHandler({ probes, subgraphs: () => subgraphUrls, timeoutMs: config.READY_TIMEOUT_MS, detailsToken: config.METRICS_TOKEN, log }));
  app.get('/metrics', metricsHandler(metrics.registry, config.METRICS_TOKEN));
  app.use(graphiqlRoutes(config, log));
  app.use(fileProxy(config, log));
  app.use(
    '/graphql',
    corsGuard(config),
    ...bodyGuard(config),
    answerKnownRefusals({ store: refused, tokens, telemetry, log }),
    // After the refusals: a document refused before is answered with no trace at all (issue 19;
    // docs/operations.md), so a flood of them costs the same traced as untraced.
    traceRequests('gateway', { trustParent: false }),
    ...(cache?.responses ? [answerFromResponseCache({ cache: cache.responses.cache, tokens, budget, telemetry, registry: metrics.registry, log })] : []),
    expressMiddleware(server, { context: createContextFunction({ tokens, log }) }),
  );
  app.use(bodyErrorHandler(config));

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(config.PORT, config.HOST, resolve);
  });
  const address = httpServer.address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;
  log.info({ port, subgraphs: Object.fromEntries(subgraphUrls) }, 'gateway listening');

  let stopping: Promise<void> | undefined;
  const stop = () => {
    // Stopping Apollo drains the HTTP server (drain plugin) and stops the gateway.
    // Live sockets first: the HTTP drain would otherwise wait for them to go away by themselves.
    stopPreload.abort();
    stopping ??= live
      .stop()
      .then(() => server.stop())
      .then(() => Promise.all([cache?.stop(), redis.quit(), preloaded.then(() => users.close()), ...dataSources.map((source) => source.close())]))
      .then(() => tracing.shutdown())
      .then(() => log.info('gateway stopped'));
    return stopping;
  };
  return { url: `http://${displayHost(config.HOST)}:${port}/graphql`, port, stop, live, knownUsers, knownUsersPreloaded: preloaded };
}
