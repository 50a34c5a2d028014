import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, createLogger, createPool, replicaReads, type Db, type ReadDb } from '@sx/runtime';
import { waitFor } from '../wait.js';
import { startPostgresCluster, type PostgresCluster } from './postgres-cluster.js';

// The cluster's primary and a real streaming replica (what `npm run start:cluster` runs), with
// the replica's replay paused so it is certainly behind: which server answers is then visible
// in what a read sees.
let dir: string;
let cluster: PostgresCluster;
let primary: Db;
let reads: ReadDb;
const pools: ReturnType<typeof createPool>[] = [];

const pool = (url: string) => {
  const p = createPool({ url, max: 2 });
  pools.push(p);
  return p;
};
/** Which server answered, and whether it holds the note. */
const look = (note: string) => async (db: Db) =>
  (await db.execute<{ standby: boolean; seen: boolean }>(sql`SELECT pg_is_in_recovery() AS standby, EXISTS (SELECT 1 FROM notes WHERE v = ${note}) AS seen`)).rows[0];
const onReplica = (statement: string) => pools[1]?.query(statement);

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'sx-pg-cluster-'));
  chmodSync(dir, 0o755); // the servers run as the postgres user when the tests run as root
  cluster = await startPostgresCluster({ dir: path.join(dir, 'postgres'), database: 'ryw' });
  primary = createDb(pool(cluster.primaryUrl('ryw')));
  reads = replicaReads(pool(cluster.replicaUrl('ryw')), primary, createLogger('read-your-writes-test', 'silent'));
  await primary.execute(sql`CREATE TABLE notes (v text)`);
  await waitFor(async () => (await cluster.replicaLagBytes()) === 0, 'the replica to have the table', 30_000);
}, 120_000);

afterAll(async () => {
  await Promise.all(pools.map((p) => p.end().catch(() => undefined)));
  await cluster?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
}, 60_000);

describe('reads on a streaming replica', () => {
  it('show a writer what it wrote even while the replica is behind, and use the replica once it has caught up', async () => {
    await onReplica('SELECT pg_wal_replay_pause()');
    await primary.execute(sql`INSERT INTO notes VALUES ('while paused')`);
    // A read that may lag goes to the replica, which has not replayed the insert…
    expect(await reads.read(look('while paused'))).toEqual({ standby: true, seen: false });
    // …a reader who may have written it is served by the primary instead.
    expect(await reads.readYourWrites(look('while paused'))).toEqual({ standby: false, seen: true });

    await onReplica('SELECT pg_wal_replay_resume()');
    await expect.poll(() => cluster.replicaLagBytes(), { timeout: 30_000 }).toBe(0);
    expect(await reads.readYourWrites(look('while paused'))).toEqual({ standby: true, seen: true });
  });
});
