import net from 'node:net';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, createPool } from './db.js';
import { isUnavailable, primaryReads, replicaReads } from './read-db.js';

// Two databases on the machine's Postgres stand in for a primary and its replica: each holds a
// different row, so a read's answer says which one served it.
const ADMIN_URL = process.env.TEST_ADMIN_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const suffix = `${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
const names = { primary: `sx_readdb_p_${suffix}`, replica: `sx_readdb_r_${suffix}` };
const urlOf = (name: string) => Object.assign(new URL(ADMIN_URL), { pathname: `/${name}` }).toString();
const log = pino({ level: 'silent' });
const pools: pg.Pool[] = [];

async function admin(statement: string, url = ADMIN_URL): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(statement).finally(() => client.end());
}

function pool(url: string): pg.Pool {
  const p = createPool({ url, max: 2 });
  pools.push(p);
  return p;
}

/** A loopback port nothing listens on: connecting to it is refused, as to a crashed replica. */
function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

const whichRow = async (db: ReturnType<typeof createDb>) => (await db.execute<{ v: string }>(sql`SELECT v FROM who`)).rows[0]?.v;

beforeAll(async () => {
  for (const [role, name] of Object.entries(names)) {
    await admin(`CREATE DATABASE "${name}"`);
    await admin(`CREATE TABLE who (v text); INSERT INTO who VALUES ('${role}')`, urlOf(name));
  }
  await admin('CREATE TABLE only_on_primary (x int)', urlOf(names.primary));
});

afterAll(async () => {
  await Promise.all(pools.map((p) => p.end().catch(() => undefined)));
  for (const name of Object.values(names)) await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
});

describe('reads that may lag', () => {
  it('go to the replica when one is configured', async () => {
    const reads = replicaReads(pool(urlOf(names.replica)), createDb(pool(urlOf(names.primary))), log);
    expect(reads.replicated).toBe(true);
    expect(await reads.read(whichRow)).toBe('replica');
  });

  it('go to the primary when no replica is configured', async () => {
    const reads = primaryReads(createDb(pool(urlOf(names.primary))));
    expect(reads.replicated).toBe(false);
    expect(await reads.read(whichRow)).toBe('primary');
  });

  it('fall back to the primary while the replica cannot be reached', async () => {
    const down = `postgres://postgres@127.0.0.1:${await closedPort()}/${names.replica}`;
    const reads = replicaReads(pool(down), createDb(pool(urlOf(names.primary))), log);
    expect(await reads.read(whichRow)).toBe('primary');
  });

  it('fall back when the replica drops the connection mid-session, then use it again', async () => {
    const replicaPool = pool(urlOf(names.replica));
    const reads = replicaReads(replicaPool, createDb(pool(urlOf(names.primary))), log);
    expect(await reads.read(whichRow)).toBe('replica');
    // The replica's server ends every backend of the database (what a restart does to them).
    await admin(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${names.replica}' AND pid <> pg_backend_pid()`);
    const answers = [await reads.read(whichRow), await reads.read(whichRow)];
    expect(answers.every((a) => a === 'primary' || a === 'replica')).toBe(true);
    expect(answers[1]).toBe('replica');
  });

  it('do not hide a query the replica refuses behind the primary', async () => {
    const reads = replicaReads(pool(urlOf(names.replica)), createDb(pool(urlOf(names.primary))), log);
    await expect(reads.read((db) => db.execute(sql`SELECT x FROM only_on_primary`))).rejects.toThrow(/only_on_primary/);
  });
});

describe('isUnavailable', () => {
  it('is true for connection failures and a server shutting down, also when wrapped', () => {
    expect(isUnavailable({ code: 'ECONNREFUSED' })).toBe(true);
    expect(isUnavailable({ code: '57P01' })).toBe(true);
    expect(isUnavailable(new Error('query failed', { cause: { code: '08006' } }))).toBe(true);
    expect(isUnavailable(new Error('Connection terminated unexpectedly'))).toBe(true);
  });

  it('is false for errors of the query itself', () => {
    expect(isUnavailable({ code: '42P01' })).toBe(false);
    expect(isUnavailable({ code: '23505' })).toBe(false);
    expect(isUnavailable(new Error('syntax error'))).toBe(false);
  });
});
