import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPool } from '@sx/runtime';
import { eventually, OwnPostgres } from '@sx/testkit';

// Found by the nemesis: a Postgres restart killed every service, because pg emits 'error' on
// the pool's idle clients and on a checked-out client between queries, and nothing listened.
let postgres: OwnPostgres;

beforeAll(async () => {
  postgres = await OwnPostgres.start();
}, 120_000);

afterAll(async () => {
  await postgres?.stop();
});

describe("a service's pool across a Postgres crash", () => {
  it('survives the broken connections and answers again once Postgres is back', async () => {
    const pool = createPool({ url: postgres.adminUrl, max: 3 });
    const idle = await pool.connect();
    idle.release();
    const held = await pool.connect();
    try {
      expect((await held.query<{ one: number }>('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
      // Not events.once: it would listen for 'error' itself and hide what this test is about.
      const ended = new Promise((resolve) => held.once('end', resolve));
      await postgres.pause('immediate');
      // Both connections learn of the crash (the idle one leaves the pool) while the process lives on.
      await ended;
      await eventually(async () => pool.idleCount, (n) => n === 0, { what: 'the idle client to be dropped' });
      await postgres.resume();
      await expect(held.query('SELECT 1')).rejects.toThrow();
      const again = await eventually(() => pool.query<{ one: number }>('SELECT 1 AS one').then((r) => r.rows, () => null), (rows) => rows !== null, { what: 'a query after the restart' });
      expect(again).toEqual([{ one: 1 }]);
    } finally {
      held.release(true);
      await pool.end();
    }
  }, 60_000);
});
