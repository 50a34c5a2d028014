import { execFileSync } from 'node:child_process';

export interface PgbenchRun {
  tps: number;
  scale: number;
  clients: number;
  seconds: number;
}

/**
 * pgbench's TPC-B-like run on a scratch database beside the bench's own, on the same server.
 * The scale is at least the client count, as pgbench's documentation asks: at scale 1 every
 * client updates the one branch row and the figure measures a lock queue, not the database.
 */
export function pgbenchTpcb(databaseUrl: string, opts: { clients: number; scale: number; seconds: number }): PgbenchRun {
  const url = new URL(databaseUrl);
  const args = ['-h', url.hostname, '-p', url.port || '5432', '-U', url.username || 'postgres'];
  const name = `${url.pathname.slice(1)}_pgbench`;
  const scale = Math.max(opts.scale, opts.clients);
  // Beside the running stack's pools, pgbench's clients may not fit under max_connections (100
  // by default); say so instead of failing mid-run with pgbench's "too many clients already".
  const free = Number(
    execFileSync('psql', [...args, '-d', 'postgres', '-Atc', "SELECT current_setting('max_connections')::int - current_setting('superuser_reserved_connections')::int - count(*) FROM pg_stat_activity"], { encoding: 'utf8' }).trim(),
  );
  if (free < opts.clients) {
    throw new Error(
      `pgbench needs ${opts.clients} connections but Postgres has ${free} free beside the stack; raise max_connections (ALTER SYSTEM SET max_connections = 300, then restart Postgres) or pass fewer --clients`,
    );
  }
  execFileSync('psql', [...args, '-d', 'postgres', '-qc', `CREATE DATABASE "${name}"`]);
  try {
    execFileSync('pgbench', [...args, '-i', '-q', '-s', String(scale), name], { stdio: 'ignore' });
    const out = execFileSync('pgbench', [...args, '-c', String(opts.clients), '-j', '2', '-T', String(opts.seconds), name], { encoding: 'utf8' });
    const match = /tps = ([\d.]+)/.exec(out);
    return { tps: Number(match?.[1]), scale, clients: opts.clients, seconds: opts.seconds };
  } finally {
    execFileSync('psql', [...args, '-d', 'postgres', '-qc', `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`]);
  }
}
