import http from 'node:http';
import express from 'express';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import { buildSubgraphSchema, type GraphQLResolverMap } from '@apollo/subgraph';
import { GraphQLError, type DocumentNode } from 'graphql';
import type pg from 'pg';
import type { Logger } from 'pino';
import type { BaseConfig } from './config.js';
import { createErrorFormatter } from './error-format.js';
import { bodyHash, verifySubgraphRequest } from './identity-signature.js';
import { subgraphIdentityKeys } from './identity-keys.js';
import { hasProbeToken, metricsHandler } from './probe-access.js';
import { ReplayGuard } from './replay-guard.js';
import { securityHeaders } from './security-headers.js';
import { inputCheckPlugin } from './input-check-plugin.js';
import type { Metrics } from './metrics.js';
import type { ServiceContext } from './context.js';
import { checkHealth, type DependencyProbe } from './health.js';
import { currentOperation, operationNameOf, runInOperation } from './operation-context.js';
import { nameRequestSpan, traceRequests } from './request-tracing.js';

/**
 * A subgraph's resolver map. Each subgraph types its own with the `Resolvers` generated from its
 * SDL (codegen.ts); Apollo's GraphQLResolverMap cannot be that type, as it sees
 * __resolveReference as a field resolver (parent, args, context) rather than (reference, context).
 */
export type SubgraphResolvers = Record<string, object | undefined>;

export interface SubgraphOptions<L> {
  name: string;
  port: number;
  typeDefs: DocumentNode;
  resolvers: SubgraphResolvers;
  config: BaseConfig;
  log: Logger;
  pool: pg.Pool;
  metrics: Metrics;
  /** Fresh DataLoaders for each request, so batching never leaks data between callers. */
  createLoaders: () => L;
  /** Closed after the HTTP server drains, before the pool (consumers, redis, timers). */
  onShutdown?: () => Promise<void>;
  /** Extra facts for /readyz (event backlog, NATS link) that do not decide readiness. */
  healthDetails?: () => Promise<Record<string, unknown>>;
  /** Dependencies besides Postgres that /readyz probes (NATS: degrades readiness, never fails it). */
  dependencies?: DependencyProbe[];
  /**
   * Plain-HTTP routes beside /graphql (the files service's signed upload and download URLs).
   * They are not covered by the gateway's signature: each must carry its own proof.
   */
  routes?: express.Router;
}

export interface RunningSubgraph {
  url: string;
  port: number;
  stop: () => Promise<void>;
}

function createApolloServer<L>(opts: SubgraphOptions<L>, httpServer: http.Server): ApolloServer<ServiceContext<L>> {
  return new ApolloServer<ServiceContext<L>>({
    schema: buildSubgraphSchema([{ typeDefs: opts.typeDefs, resolvers: opts.resolvers as GraphQLResolverMap<unknown> }]),
    includeStacktraceInErrorResponses: false,
    // Our own SIGTERM handling drains first; Apollo's would stop the server mid-request.
    stopOnTerminationSignals: false,
    formatError: createErrorFormatter(opts.log),
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginLandingPageDisabled(),
      // Traces would go to Apollo's cloud, which we do not use.
      ApolloServerPluginInlineTraceDisabled(),
      // The gateway checks the same first; this guards what reaches a subgraph any other way.
      inputCheckPlugin<ServiceContext<L>>(200),
    ],
  });
}

/** How long /readyz waits for each dependency of a subgraph. */
const READY_PROBE_TIMEOUT_MS = 2_000;

/**
 * /healthz and /livez (process up: restart it when they fail), /readyz (can serve: Postgres
 * answers; other dependencies, such as NATS, degrade it without failing it — the outbox keeps
 * events while NATS is away) and /metrics (behind METRICS_TOKEN). Which dependencies fail, and
 * the informational details, only for the METRICS_TOKEN holder.
 */
function mountProbes<L>(app: express.Express, opts: SubgraphOptions<L>): void {
  const alive: express.RequestHandler = (_req, res) => {
    res.json({ status: 'ok', service: opts.name });
  };
  app.get('/healthz', alive);
  app.get('/livez', alive);
  const probes: DependencyProbe[] = [{ name: 'postgres', required: true, probe: () => opts.pool.query('SELECT 1') }, ...(opts.dependencies ?? [])];
  app.get('/readyz', async (req, res) => {
    const report = await checkHealth(probes, READY_PROBE_TIMEOUT_MS);
    if (report.status === 'unavailable') opts.log.warn({ failing: report.failing }, 'not ready');
    res.status(report.status === 'unavailable' ? 503 : 200);
    if (!hasProbeToken(req, opts.config.METRICS_TOKEN)) {
      res.json({ status: report.status, service: opts.name });
      return;
    }
    const details = (await opts.healthDetails?.().catch((err: Error) => ({ detailsError: err.message }))) ?? {};
    res.json({ status: report.status, service: opts.name, failing: report.failing, dependencies: report.dependencies, ...details });
  });
  app.get('/metrics', metricsHandler(opts.metrics.registry, opts.config.METRICS_TOKEN));
}

/** The raw body's hash, kept while express.json parses it: the signature covers these bytes. */
type HashedRequest = http.IncomingMessage & { sxBodyHash?: string };
const EMPTY_BODY_HASH = bodyHash('');

const PLAIN_REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** The request id the gateway forwarded, when it is short and plain (the gateway only sends such). */
function plainRequestId(given: string | string[] | undefined): string | null {
  return typeof given === 'string' && PLAIN_REQUEST_ID.test(given) ? given : null;
}

/** A context only for a request the gateway signed for this subgraph, this method and this body, once. */
function signedContext<L>(opts: SubgraphOptions<L>) {
  const keys = subgraphIdentityKeys(opts.config, opts.name);
  const skewMs = opts.config.IDENTITY_MAX_SKEW_MS;
  const replays = new ReplayGuard(skewMs, 200_000);
  const refuse = (reason: string, req: express.Request): never => {
    opts.log.warn({ reason, ip: req.ip }, 'refused unsigned request');
    throw new GraphQLError(`Requests must come through the gateway (${reason}).`, {
      extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } },
    });
  };
  return async ({ req }: { req: express.Request }): Promise<ServiceContext<L>> => {
    const received = { subgraph: opts.name, method: req.method, bodyHash: (req as HashedRequest).sxBodyHash ?? EMPTY_BODY_HASH };
    const check = verifySubgraphRequest(req.headers, keys, received, skewMs);
    if (!check.ok) return refuse(check.reason, req);
    if (!replays.admit(check.requestId)) return refuse('identity signature replayed', req);
    return { identity: check.identity, loaders: opts.createLoaders(), log: opts.log, requestId: plainRequestId(req.headers['x-request-id']) };
  };
}

/** /graphql: JSON body, the operation's name for metrics, and a context only for signed requests. */
function mountGraphql<L>(app: express.Express, opts: SubgraphOptions<L>, server: ApolloServer<ServiceContext<L>>): void {
  app.use(
    '/graphql',
    express.json({
      limit: '1mb',
      verify: (req, _res, buf) => {
        (req as HashedRequest).sxBodyHash = bodyHash(buf);
      },
    }),
    (req, _res, next) => {
      // Express 5 leaves req.body undefined on GET; Apollo expects an object.
      req.body ??= {};
      next();
    },
    traceRequests(opts.name, { trustParent: true }),
    (req, _res, next) => {
      const operationName = operationNameOf(req.body as { operationName?: unknown; query?: unknown });
      nameRequestSpan('graphql', operationName);
      runInOperation(operationName, () => {
        // The label as the operation context bounded it (a capped set of names).
        opts.metrics.requestsByOperation.inc({ operation: currentOperation() ?? 'anonymous' });
        next();
      });
    },
    expressMiddleware(server, { context: signedContext(opts) }),
  );
}

/**
 * Serves a subgraph: /graphql (every request must carry the gateway's signature, bound to
 * this subgraph, the method and the body: docs/security.md), /healthz (process up), /readyz
 * (database reachable) and /metrics; every answer carries the security headers.
 */
export async function startSubgraph<L>(opts: SubgraphOptions<L>): Promise<RunningSubgraph> {
  const app = express();
  app.disable('x-powered-by');
  app.use(securityHeaders());
  const httpServer = http.createServer(app);
  const server = createApolloServer(opts, httpServer);
  await server.start();
  mountProbes(app, opts);
  if (opts.routes) app.use(opts.routes);
  mountGraphql(app, opts, server);

  await new Promise<void>((resolve) => httpServer.listen(opts.port, opts.config.HOST, resolve));
  const address = httpServer.address();
  const port = typeof address === 'object' && address ? address.port : opts.port;
  opts.log.info({ port }, `${opts.name} subgraph listening`);

  let stopping: Promise<void> | undefined;
  // Drain requests first, then what the requests used (consumers, timers), then the pool.
  const stop = () => {
    stopping ??= (async () => {
      await server.stop();
      await opts.onShutdown?.();
      await opts.pool.end();
      opts.log.info(`${opts.name} stopped`);
    })();
    return stopping;
  };
  return { url: `http://127.0.0.1:${port}/graphql`, port, stop };
}

/** SIGTERM / SIGINT drain the server and close resources, then exit; a timeout forces it. */
export function exitOnSignals(stop: () => Promise<void>, log: Logger, timeoutMs: number): void {
  const onSignal = (signal: NodeJS.Signals) => {
    log.info({ signal }, 'shutting down');
    const timer = setTimeout(() => {
      log.error('shutdown timed out; exiting');
      process.exit(1);
    }, timeoutMs);
    timer.unref();
    stop().then(
      () => process.exit(0),
      (err: unknown) => {
        log.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', onSignal);
  process.once('SIGINT', onSignal);
}
