import { sql } from 'drizzle-orm';
import { eventually } from '@sx/testkit';
import type { Db, Tx } from '@sx/runtime';

/**
 * A transaction a test keeps open (holding whatever locks `work` took) until it calls
 * `commit`, to line a request up behind it deterministically instead of hoping for a race.
 */
export async function holdTransaction(db: Db, work: (tx: Tx) => Promise<void>) {
  let release = () => {};
  const gate = new Promise<void>((resolve) => (release = resolve));
  let pid = 0;
  const done = db.transaction(async (tx) => {
    await work(tx);
    pid = (await tx.execute<{ pid: number }>(sql`SELECT pg_backend_pid() AS pid`)).rows[0]?.pid ?? 0;
    await gate;
  });
  await Promise.race([eventually(async () => pid, (p) => p > 0, { what: 'held transaction' }), done]);
  return {
    /** Resolves once `count` other sessions are blocked by this transaction's locks. */
    // On failure the transaction is let go, so the test fails instead of hanging in cleanup.
    blocking: (count: number) =>
      eventually(
        async () => (await db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM pg_stat_activity WHERE ${pid} = ANY(pg_blocking_pids(pid))`)).rows[0]?.n,
        (n) => n === count,
        { what: `${count} session(s) waiting on the held transaction` },
      ).catch(async (err: unknown) => {
        release();
        await done;
        throw err;
      }),
    commit: async () => {
      release();
      await done;
    },
  };
}
