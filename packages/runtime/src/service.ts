import type pg from 'pg';
import type { Logger } from 'pino';
import type { z } from 'zod';
import { baseEnvSchema, ConfigError, loadConfig, type BaseConfig } from './config.js';
import { subgraphIdentityKeys } from './identity-keys.js';
import { createDb, createPool, ensureDatabase, migrateService, type Db } from './db.js';
import { createLogger } from './logger.js';
import { primaryReads, replicaReads, type ReadDb } from './read-db.js';
import { createMetrics, type Metrics } from './metrics.js';
import type { DependencyProbe } from './health.js';
import { serviceFilesOf } from './schema-file.js';
import { startTracing } from './tracing.js';
import { exitOnSignals, startSubgraph, type RunningSubgraph, type SubgraphOptions, type SubgraphResolvers } from './server.js';

/** What a subgraph's wiring receives once config, logs, pool and migrations are ready. */
export interface ServiceDeps<C extends BaseConfig> {
  config: C;
  log: Logger;
  pool: pg.Pool;
  db: Db;
  /** Reads that may be stale (listings, search): the replica when DATABASE_READ_URL is set. */
  readDb: ReadDb;
  metrics: Metrics;
}

/** What a subgraph's wiring gives the server. */
export interface WiredService<L> {
  resolvers: SubgraphResolvers;
  createLoaders: () => L;
  onShutdown?: () => Promise<void>;
  healthDetails?: () => Promise<Record<string, unknown>>;
  /** Dependencies /readyz probes besides Postgres. */
  dependencies?: DependencyProbe[];
  /** Plain-HTTP routes beside /graphql, each carrying its own proof (see SubgraphOptions.routes). */
  routes?: SubgraphOptions<L>['routes'];
}

/** Where a service's migrations and SDL are: derived from `entry`, its index.ts's `import.meta.url`. */
export interface ServiceLocation {
  entry: string;
}

export type ServiceDefinition<C extends BaseConfig, L> = ServiceLocation & {
  name: string;
  /** The service's environment schema: baseEnvSchema extended with its own variables (incl. PORT). */
  envSchema: z.ZodObject;
  /** Builds resolvers, loaders and background work from the ready dependencies. */
  wire: (deps: ServiceDeps<C>) => Promise<WiredService<L>>;
};

/** A subgraph without a key to check the gateway's signatures stops at once, saying which to set. */
function requireIdentityKey(config: BaseConfig, name: string): void {
  try {
    subgraphIdentityKeys(config, name);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    process.stderr.write(`${err.message}\n`);
    process.exit(78); // EX_CONFIG, as loadConfig
  }
}

/**
 * Start-up shared by every subgraph: config → logger → database (created if missing) →
 * migrations → wiring → HTTP server → signal handling.
 */
export async function runService<C extends BaseConfig & { PORT: number }, L>(
  def: ServiceDefinition<C, L>,
  env?: z.ZodObject,
): Promise<RunningSubgraph> {
  const files = serviceFilesOf(def.entry);
  const config = loadConfig(env ?? def.envSchema) as C;
  requireIdentityKey(config, def.name);
  const log = createLogger(def.name, config.LOG_LEVEL);
  const tracing = startTracing(def.name);
  const metrics = createMetrics(def.name);
  await ensureDatabase(config.DATABASE_URL);
  const pool = createPool({
    url: config.DATABASE_URL,
    max: config.DB_POOL_MAX,
    queryCounter: metrics.dbQueries,
    backgroundQueryCounter: metrics.dbBackgroundQueries,
    queryCounterByOperation: metrics.dbQueriesByOperation,
    commitCounterByOperation: metrics.dbCommitsByOperation,
  });
  await migrateService(pool, def.name, files.migrationsFolder);
  const db = createDb(pool);
  // The replica's statements count like the primary's, so N+1 checks see every read.
  const readPool = config.DATABASE_READ_URL
    ? createPool({
        url: config.DATABASE_READ_URL,
        max: config.DB_POOL_MAX,
        queryCounter: metrics.dbQueries,
        backgroundQueryCounter: metrics.dbBackgroundQueries,
        queryCounterByOperation: metrics.dbQueriesByOperation,
        commitCounterByOperation: metrics.dbCommitsByOperation,
      })
    : null;
  const readDb = readPool ? replicaReads(readPool, db, log) : primaryReads(db);
  const wired = await def.wire({ config, log, pool, db, readDb, metrics });
  const onShutdown = async () => {
    await wired.onShutdown?.();
    await readPool?.end();
    await tracing.shutdown(); // sends the spans still buffered
  };
  const running = await startSubgraph<L>({
    name: def.name,
    port: config.PORT,
    typeDefs: files.typeDefs,
    resolvers: wired.resolvers,
    config,
    log,
    pool,
    metrics,
    createLoaders: wired.createLoaders,
    onShutdown,
    ...(wired.healthDetails ? { healthDetails: wired.healthDetails } : {}),
    ...(wired.dependencies ? { dependencies: wired.dependencies } : {}),
    ...(wired.routes ? { routes: wired.routes } : {}),
  });
  exitOnSignals(running.stop, log, config.SHUTDOWN_TIMEOUT_MS);
  return running;
}

export { baseEnvSchema };
