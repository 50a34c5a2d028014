import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFreshDatabase, dropDatabase } from '@sx/testkit';
import { migrateAllSubgraphs } from '../bench/gateway/migrate.js';
import { seedBenchData } from '../bench/gateway/seed.js';
import { seedInconsistencies } from '../bench/gateway/seed-check.js';
import { benchId, freeTaskers, popularTasks, posterOf, seedCounts, seededBidders } from '../bench/gateway/seed-plan.js';

const scale = { users: 300, tasks: 1_000 };

describe('the gateway bench data set (bench/gateway/seed.ts)', () => {
  let databaseUrl: string;
  let pool: pg.Pool;
  let counts: Record<string, number>;

  beforeAll(async () => {
    databaseUrl = await createFreshDatabase('sx_test_bench_seed');
    pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
    // DROP DATABASE … WITH (FORCE) in afterAll may still find a connection that is closing and
    // end it (57P01, admin shutdown); anything else is a real failure.
    pool.on('error', (err: Error & { code?: string }) => {
      if (err.code !== '57P01') throw err;
    });
    await migrateAllSubgraphs(pool);
    counts = await seedBenchData(pool, scale, 'not-a-real-hash');
  });
  afterAll(async () => {
    await pool?.end();
    if (databaseUrl) await dropDatabase(databaseUrl);
  });

  it('fills every replica consistently with the rows it mirrors', async () => {
    expect(await seedInconsistencies(pool)).toEqual([]);
    const { open, completed } = seedCounts(scale);
    expect(counts).toMatchObject({ 'users.users': 300, 'tasks.tasks': 1_000, 'wallet.known_users': 300, 'reviews.reviews': 2 * completed });
    const { rows } = await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM tasks.tasks WHERE status = 'OPEN'`);
    expect(rows[0]?.n).toBe(open);
  });

  it('notices a replica that disagrees with its source', async () => {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      await client.query(`UPDATE reviews.ratings SET count = count + 1, sum = sum + 5 WHERE subject_id = $1`, [benchId('user', 1)]);
      await client.query(`UPDATE bids.task_replica SET status = 'CANCELLED' WHERE task_id = $1`, [benchId('task', 1)]);
      const problems = await seedInconsistencies(client as unknown as pg.Pool);
      expect(problems).toEqual([
        '1 tasks missing from bids.task_replica or differing from it',
        '1 ratings that are not the totals of the reviews received',
      ]);
    } finally {
      await client.query('ROLLBACK');
      client.release();
    }
  });

  it('agrees with the formulas the bench builds its requests from', async () => {
    const popular = popularTasks(scale)[0] as number;
    const { rows: bidders } = await pool.query<{ tasker_id: string }>('SELECT tasker_id FROM bids.bids WHERE task_id = $1', [benchId('task', popular)]);
    const expected = [...seededBidders(scale, popular)].map((user) => benchId('user', user));
    expect(bidders.map((b) => b.tasker_id).sort()).toEqual(expected.sort());
    const { rows: poster } = await pool.query<{ poster_id: string }>('SELECT poster_id FROM tasks.tasks WHERE id = $1', [benchId('task', popular)]);
    expect(poster[0]?.poster_id).toBe(benchId('user', posterOf(scale, popular)));
    const free = [...freeTaskers(scale, popular)].map((user) => benchId('user', user));
    expect(free).toHaveLength(scale.users - 1 - expected.length);
    expect(free.some((id) => expected.includes(id) || id === poster[0]?.poster_id)).toBe(false);
  });
});
