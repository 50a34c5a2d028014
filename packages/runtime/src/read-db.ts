import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import type pg from 'pg';
import type { Logger } from 'pino';
import { createDb, type Db } from './db.js';

/**
 * Where reads that may be a little stale go (public listings, search): a streaming replica when
 * `DATABASE_READ_URL` is set, otherwise the primary. Everything else — a writer reading what it
 * just wrote, and anything inside a transaction — uses the primary's `db`.
 */
export interface ReadDb {
  /** Whether a replica is configured (false: every read goes to the primary). */
  readonly replicated: boolean;
  /** Runs `read` on the replica; if the replica cannot be reached, runs it on the primary. */
  read: <T>(read: (db: Db) => Promise<T>) => Promise<T>;
  /**
   * Like `read`, for a reader who may have just written (a signed-in viewer): runs on a replica
   * connection only if it has replayed all the WAL the primary had written when the read began,
   * so every write acknowledged before it is visible; otherwise on the primary. Two small
   * statements more than `read` (one on each server), always the same two.
   */
  readYourWrites: <T>(read: (db: Db) => Promise<T>) => Promise<T>;
}

// Connection failures and a server that is shutting down or still recovering: the replica is
// unavailable, not the query wrong. SQLSTATE classes 08 (connection) and 57P (operator intervention).
const UNAVAILABLE_CODES = /^(08|57P)/;
const UNAVAILABLE_NET = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND']);
const UNAVAILABLE_MESSAGES = /Connection terminated|connection timeout|timeout exceeded when trying to connect/i;

/** Whether `err` (or what it wraps) says the database is unreachable rather than the query failed. */
export function isUnavailable(err: unknown): boolean {
  let current: unknown = err;
  for (let depth = 0; depth < 5 && current; depth++) {
    const e = current as { code?: unknown; message?: unknown; cause?: unknown };
    if (typeof e.code === 'string' && (UNAVAILABLE_CODES.test(e.code) || UNAVAILABLE_NET.has(e.code))) return true;
    if (typeof e.message === 'string' && UNAVAILABLE_MESSAGES.test(e.message)) return true;
    current = e.cause;
  }
  return false;
}

/** Reads on the primary only (no replica configured). */
export function primaryReads(primary: Db): ReadDb {
  return { replicated: false, read: (read) => read(primary), readYourWrites: (read) => read(primary) };
}

/**
 * Reads on `replicaPool`, falling back to `primary` while the replica is down: a listing served
 * by the primary is still correct, so losing the replica costs load, never availability.
 */
export function replicaReads(replicaPool: pg.Pool, primary: Db, log: Logger): ReadDb {
  const replica = createDb(replicaPool);
  // An idle client whose server went away emits 'error' on the pool; unhandled, it would crash.
  replicaPool.on('error', (err) => log.warn({ err: err.message }, 'replica connection lost'));
  const onReplica = async <T>(attempt: () => Promise<T>, read: (db: Db) => Promise<T>): Promise<T> => {
    try {
      return await attempt();
    } catch (err) {
      if (!isUnavailable(err)) throw err;
      log.warn({ err: (err as Error).message }, 'replica unavailable; reading from the primary');
      return read(primary);
    }
  };
  return {
    replicated: true,
    read: (read) => onReplica(() => read(replica), read),
    readYourWrites: async (read) => {
      const written = (await primary.execute<{ lsn: string }>(sql`SELECT pg_current_wal_lsn()::text AS lsn`)).rows[0]?.lsn;
      return onReplica(async () => {
        // One connection for the check and the read: behind a service over several replicas,
        // another connection may reach another replica.
        const client = await replicaPool.connect();
        try {
          const replayed = await client.query<{ ok: boolean | null }>('SELECT pg_last_wal_replay_lsn() >= $1::pg_lsn AS ok', [written]);
          // null: not a standby at all (replaying nothing), so no promise about what it holds.
          if (replayed.rows[0]?.ok !== true) return await read(primary);
          return await read(drizzle(client));
        } finally {
          client.release();
        }
      }, read);
    },
  };
}
