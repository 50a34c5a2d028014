import pg from 'pg';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import type { Counter } from 'prom-client';
import './drizzle-transaction-release.js';
import { currentOperation } from './operation-context.js';
import { traceQuery } from './query-tracing.js';

export type Db = NodePgDatabase<Record<string, never>>;
/** An open drizzle transaction (what `db.transaction` hands its callback). */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
/** What a query can run on: the pool-backed database or an open transaction. */
export type Queryable = Db | Tx;

/** The SQL text of a pg `query` call's first argument (a string or a query config). */
function statementText(arg: unknown): string {
  if (typeof arg === 'string') return arg;
  if (typeof arg === 'object' && arg !== null && 'text' in arg && typeof arg.text === 'string') return arg.text;
  return '';
}

/**
 * Tells which statements end a transaction that commits, as Postgres counts them
 * (pg_stat_database.xact_commit): an explicit COMMIT, and every statement sent outside a
 * transaction (autocommit). One tracker per connection.
 */
function commitTracker() {
  let inTransaction = false;
  return (text: string): boolean => {
    const verb = text.trimStart().slice(0, 8).toLowerCase();
    if (verb.startsWith('begin')) {
      inTransaction = true;
      return false;
    }
    if (verb.startsWith('commit') || verb.startsWith('rollback')) {
      const committed = inTransaction && verb.startsWith('commit');
      inTransaction = false;
      return committed;
    }
    return !inTransaction;
  };
}

export interface PoolCounters {
  queryCounter?: Counter;
  backgroundQueryCounter?: Counter;
  queryCounterByOperation?: Counter<'operation'>;
  /** Commits Postgres made for a GraphQL operation's statements, by operation (regression guards). */
  commitCounterByOperation?: Counter<'operation'>;
}

/** A pool whose statements are counted, so tests and /metrics can see N+1 queries, and traced when tracing is on. */
export function createPool(opts: { url: string; max: number } & PoolCounters): pg.Pool {
  const pool = new pg.Pool({ connectionString: opts.url, max: opts.max });
  // A Postgres restart (crash, failover) ends every connection, and pg emits 'error' on idle
  // clients (re-emitted by the pool) and on checked-out clients between queries: unheard, that
  // kills the process. Nothing else is needed: the pool drops a broken idle client, and a
  // checked-out one fails its next query and is discarded on release.
  pool.on('error', () => undefined);
  pool.on('connect', (client) => client.on('error', () => undefined));
  const counter = opts.queryCounter;
  if (!counter) return pool;
  pool.on('connect', (client) => {
    const original = client.query.bind(client) as (...args: unknown[]) => unknown;
    const commits = commitTracker();
    // pg's query has many overloads; counting (and tracing) wraps them all without changing behaviour.
    (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
      const text = statementText(args[0]);
      const committed = commits(text);
      // Requests and background work are counted apart, so N+1 checks see only requests.
      const operation = currentOperation();
      if (operation === undefined) {
        opts.backgroundQueryCounter?.inc();
      } else {
        counter.inc();
        opts.queryCounterByOperation?.inc({ operation });
        if (committed) opts.commitCounterByOperation?.inc({ operation });
      }
      return traceQuery(text, args, (traced) => original(...traced));
    };
  });
  return pool;
}

export function createDb(pool: pg.Pool): Db {
  return drizzle(pool);
}

// All services share one lock: the first migration of a fresh database creates the shared
// `drizzle` schema, and two services doing that at once would collide.
const MIGRATION_LOCK_KEY = 7_420_001;

/**
 * Applies the service's drizzle-kit migrations. Their bookkeeping lives in the shared
 * `drizzle` schema (one table per service): generated SQL creates the service's own schema
 * without IF NOT EXISTS, so that schema cannot also hold the bookkeeping.
 */
export async function migrateService(pool: pg.Pool, service: string, migrationsFolder: string): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      await migrate(drizzle(client), {
        migrationsFolder,
        migrationsSchema: 'drizzle',
        migrationsTable: `__migrations_${service}`,
      });
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    client.release();
  }
}

/** Creates the database named in the URL when it does not exist yet (fresh machines). */
export async function ensureDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount === 0) {
      await client.query(`CREATE DATABASE "${name.replaceAll('"', '""')}"`).catch((err: { code?: string }) => {
        if (err.code !== '42P04') throw err; // created meanwhile by another process
      });
    }
  } finally {
    await client.end();
  }
}
