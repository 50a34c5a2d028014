import pg from 'pg';

type Condition = 'task-assigned' | 'bid-accepted' | 'payment-released';

// One statement per condition kind per tick, whatever the number of waiters: watching 20
// concurrent sagas costs the database what watching one does, and the gateway nothing.
const SQL: Record<Condition, string> = {
  'task-assigned': `SELECT id::text FROM tasks.tasks WHERE id = ANY($1::uuid[]) AND status <> 'OPEN'`,
  'bid-accepted': `SELECT id::text FROM bids.bids WHERE id = ANY($1::uuid[]) AND status = 'ACCEPTED'`,
  'payment-released': `SELECT task_id::text AS id FROM wallet.payments WHERE task_id = ANY($1::uuid[]) AND status = 'RELEASED'`,
};

interface Waiter {
  resolve: () => void;
  reject: (err: Error) => void;
  deadline: number;
}

/**
 * Waits for saga states by reading the owning services' tables every `intervalMs` (the figures
 * carry up to that much polling error). Counts its own statements, so commit counts of the
 * run's database can leave them out.
 */
export function createStateWatcher(databaseUrl: string, intervalMs = 5) {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 1 });
  const waiting: Record<Condition, Map<string, Waiter>> = { 'task-assigned': new Map(), 'bid-accepted': new Map(), 'payment-released': new Map() };
  let statements = 0;
  let timer: NodeJS.Timeout | null = null;

  async function tick(): Promise<void> {
    for (const condition of Object.keys(SQL) as Condition[]) {
      const map = waiting[condition];
      if (map.size === 0) continue;
      statements += 1;
      const { rows } = await pool.query<{ id: string }>(SQL[condition], [[...map.keys()]]);
      for (const { id } of rows) {
        map.get(id)?.resolve();
        map.delete(id);
      }
      const now = Date.now();
      for (const [id, w] of map) {
        if (now <= w.deadline) continue;
        w.reject(new Error(`${condition} ${id} not reached in time`));
        map.delete(id);
      }
    }
  }

  function schedule(): void {
    if (timer) return;
    timer = setTimeout(() => {
      void tick()
        .catch((err: unknown) => process.stderr.write(`state watcher: ${String(err)}\n`))
        .finally(() => {
          timer = null;
          if (Object.values(waiting).some((m) => m.size > 0)) schedule();
        });
    }, intervalMs);
  }

  return {
    until(condition: Condition, id: string, timeoutMs = 60_000): Promise<void> {
      return new Promise((resolve, reject) => {
        waiting[condition].set(id, { resolve, reject, deadline: Date.now() + timeoutMs });
        schedule();
      });
    },
    statements: () => statements,
    close: () => pool.end(),
  };
}

export type StateWatcher = ReturnType<typeof createStateWatcher>;
