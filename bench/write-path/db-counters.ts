import pg from 'pg';
import type { RunningStack } from '@sx/stack';
import { metricsText } from '../process-metrics.js';

/**
 * Commits and statements counted where they happen, not estimated:
 * - commits: `pg_stat_database.xact_commit` of the run's own database (every service's
 *   transactions and autocommit statements, the outbox relay and consumers included);
 * - statements: each service's `sx_db_queries_by_operation_total` (statements it sent while
 *   serving a named operation) and `sx_db_background_queries_total` (relay, consumers, jobs).
 */
export interface CounterSnapshot {
  commits: number;
  rollbacks: number;
  /** Statements sent for operations whose name starts with the measured prefix, per service. */
  requestStatements: Record<string, number>;
  backgroundStatements: number;
  /** The same, per service: who does the background work. */
  backgroundByService: Record<string, number>;
}

// A backend reports its counters at most once a second while busy and within ten seconds of
// going idle (PostgreSQL 15's pgstat flush intervals); waiting that long makes a delta complete.
const STATS_FLUSH_MS = 11_000;

export async function settleStats(): Promise<void> {
  await new Promise((r) => setTimeout(r, STATS_FLUSH_MS));
}

async function databaseCommits(databaseUrl: string): Promise<{ commits: number; rollbacks: number }> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('SELECT pg_stat_clear_snapshot()');
    const { rows } = await client.query<{ c: string; r: string }>(
      'SELECT xact_commit AS c, xact_rollback AS r FROM pg_stat_database WHERE datname = current_database()',
    );
    return { commits: Number(rows[0]?.c ?? 0), rollbacks: Number(rows[0]?.r ?? 0) };
  } finally {
    await client.end();
  }
}

function sumMetric(text: string, metric: string, operationPrefix?: string): number {
  let total = 0;
  for (const line of text.split('\n')) {
    if (!line.startsWith(metric)) continue;
    if (operationPrefix !== undefined && !new RegExp(`operation="${operationPrefix}[^"]*"`).test(line)) continue;
    if (operationPrefix === undefined && line.includes('operation=')) continue;
    total += Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return total;
}

export async function snapshotCounters(databaseUrl: string, stack: RunningStack, operationPrefix: string): Promise<CounterSnapshot> {
  const requestStatements: Record<string, number> = {};
  const backgroundByService: Record<string, number> = {};
  for (const [name, proc] of stack.processes) {
    if (name === 'gateway') continue;
    const text = await metricsText(proc.baseUrl, stack.secrets.metricsToken);
    requestStatements[name] = sumMetric(text, 'sx_db_queries_by_operation_total', operationPrefix);
    backgroundByService[name] = sumMetric(text, 'sx_db_background_queries_total');
  }
  const backgroundStatements = Object.values(backgroundByService).reduce((a, b) => a + b, 0);
  return { ...(await databaseCommits(databaseUrl)), requestStatements, backgroundStatements, backgroundByService };
}

/** Per-operation figures between two snapshots, divided by the number of operations. */
export function perOperation(before: CounterSnapshot, after: CounterSnapshot, operations: number) {
  const statementsByService = Object.fromEntries(
    Object.entries(after.requestStatements)
      .map(([s, n]) => [s, (n - (before.requestStatements[s] ?? 0)) / operations] as const)
      .filter(([, n]) => n > 0),
  );
  return {
    commits: (after.commits - before.commits) / operations,
    rollbacks: (after.rollbacks - before.rollbacks) / operations,
    requestStatements: Object.values(statementsByService).reduce((a, b) => a + b, 0),
    statementsByService,
    backgroundStatements: (after.backgroundStatements - before.backgroundStatements) / operations,
    /** Background statements per operation by service (countOperations takes the idle rate off). */
    backgroundByService: {} as Record<string, number>,
  };
}

export type PerOperation = ReturnType<typeof perOperation>;
