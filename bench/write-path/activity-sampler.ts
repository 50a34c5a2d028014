import pg from 'pg';

/**
 * Samples what the run database's backends are doing (pg_stat_activity) every `intervalMs`
 * while a load runs: the share of backend-samples executing, waiting on a row/transaction lock,
 * or idle waiting for the client. Tells whether a figure is bounded by Postgres (active,
 * lock waits on a hot row) or by the processes in front of it (idle in transaction, idle).
 */
export function sampleActivity(databaseUrl: string, intervalMs = 50) {
  const client = new pg.Client({ connectionString: databaseUrl });
  client.on('error', () => (running = false));
  const counts = { active: 0, lock: 0, idleInTransaction: 0, idle: 0, samples: 0 };
  let timer: NodeJS.Timeout | null = null;
  let running = true;
  const tick = async () => {
    const { rows } = await client.query<{ state: string | null; wait: string | null }>(
      `SELECT state, wait_event_type AS wait FROM pg_stat_activity
        WHERE datname = current_database() AND backend_type = 'client backend' AND pid <> pg_backend_pid()`,
    );
    counts.samples += 1;
    for (const r of rows) {
      if (r.wait === 'Lock') counts.lock += 1;
      else if (r.state === 'active') counts.active += 1;
      else if (r.state?.startsWith('idle in transaction')) counts.idleInTransaction += 1;
      else counts.idle += 1;
    }
  };
  const loop = () => {
    if (!running) return;
    // A failed sample ends the sampling (the run's database going away with a failed run must
    // not crash the bench before it reports the failure that ended it).
    timer = setTimeout(() => void tick().then(loop, () => (running = false)), intervalMs);
  };
  const started = client.connect().then(loop);
  return {
    async stop(): Promise<ActivityShares> {
      await started;
      running = false;
      if (timer) clearTimeout(timer);
      await client.end();
      const total = counts.active + counts.lock + counts.idleInTransaction + counts.idle || 1;
      const share = (n: number) => Math.round((100 * n) / total);
      return {
        activePct: share(counts.active),
        lockWaitPct: share(counts.lock),
        idleInTransactionPct: share(counts.idleInTransaction),
        idlePct: share(counts.idle),
        samples: counts.samples,
      };
    },
  };
}

export interface ActivityShares {
  activePct: number;
  lockWaitPct: number;
  idleInTransactionPct: number;
  idlePct: number;
  samples: number;
}

export const formatShares = (a: ActivityShares): string =>
  `active ${a.activePct}%, lock wait ${a.lockWaitPct}%, idle in transaction ${a.idleInTransactionPct}%, idle ${a.idlePct}%`;
