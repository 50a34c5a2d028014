import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, createPool } from '../src/db.js';
import { createFreshDatabase, CuttableProxy, dropDatabase } from '@sx/testkit';

// A transaction whose BEGIN meets a connection that just died (a Postgres crash, a cut network)
// must give its pool client back. drizzle-orm 0.45 leaked it (drizzle-transaction-release.ts):
// with a pool of one, the next transaction then waited for a client forever.

let databaseUrl = '';
beforeAll(async () => {
  databaseUrl = await createFreshDatabase('sx_tx_release');
});
afterAll(async () => {
  await dropDatabase(databaseUrl);
});

/** A pool of one connection to the test database, through a proxy the test can cut. */
async function poolOfOneThroughProxy() {
  const url = new URL(databaseUrl);
  const proxy = await CuttableProxy.start(Number(url.port || 5432));
  url.port = String(proxy.port);
  const pool = createPool({ url: url.toString(), max: 1 });
  return { proxy, pool, db: createDb(pool) };
}

const checkedOut = (pool: { totalCount: number; idleCount: number }) => pool.totalCount - pool.idleCount;

describe('a transaction whose connection dies', () => {
  it('before BEGIN is answered: the client is destroyed, not leaked, and the next transaction gets a fresh one', async () => {
    const { proxy, pool, db } = await poolOfOneThroughProxy();
    try {
      await db.execute(sql`SELECT 1`);
      expect(pool.idleCount).toBe(1);
      // The idle client's BEGIN goes out but is never answered; then its connection dies.
      proxy.hold();
      const failed = db.transaction(async (tx) => tx.execute(sql`SELECT 1`));
      const outcome = failed.then(() => 'committed', (err: Error) => err.message);
      await new Promise((resolve) => setTimeout(resolve, 100));
      proxy.cut();
      expect(await outcome).not.toBe('committed');
      expect(checkedOut(pool)).toBe(0);

      proxy.restore();
      const value = await db.transaction(async (tx) => (await tx.execute<{ n: number }>(sql`SELECT 41 + 1 AS n`)).rows[0]?.n);
      expect(value).toBe(42);
      expect(checkedOut(pool)).toBe(0);
    } finally {
      await pool.end();
      await proxy.stop();
    }
  });

  it('after a failed statement and a failed ROLLBACK: the cause is rethrown and the dead client is not handed out again', async () => {
    const { proxy, pool, db } = await poolOfOneThroughProxy();
    try {
      const failure = db.transaction(async (tx) => {
        await tx.execute(sql`SELECT 1`);
        proxy.cut();
        await tx.execute(sql`SELECT 2`);
      });
      // The statement that failed, not the ROLLBACK that could not be sent after it.
      await expect(failure).rejects.toThrow(/SELECT 2/);
      expect(checkedOut(pool)).toBe(0);
      proxy.restore();
      const value = await db.transaction(async (tx) => (await tx.execute<{ n: number }>(sql`SELECT 7 AS n`)).rows[0]?.n);
      expect(value).toBe(7);
    } finally {
      await pool.end();
      await proxy.stop();
    }
  });
});
