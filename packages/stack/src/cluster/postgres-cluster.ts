import { execFile } from 'node:child_process';
import { appendFileSync, chownSync, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { freePort } from '../free-port.js';
import { waitFor } from '../wait.js';

const run = promisify(execFile);

/** The newest installed PostgreSQL's binaries (Debian keeps them out of PATH). */
function binDir(): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).filter((v) => existsSync(path.join(root, v, 'bin/initdb'))) : [];
  const newest = versions.sort((a, b) => Number(b) - Number(a))[0];
  if (!newest) throw new Error('PostgreSQL server binaries not found under /usr/lib/postgresql');
  return path.join(root, newest, 'bin');
}

/** initdb and pg_ctl refuse to run as root: as root, run them as the postgres user. */
function asOwner(tool: string, args: readonly string[]): Promise<{ stdout: string }> {
  const binary = path.join(binDir(), tool);
  const isRoot = process.getuid?.() === 0;
  return isRoot ? run('runuser', ['-u', 'postgres', '--', binary, ...args]) : run(binary, [...args]);
}

function ownedDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (process.getuid?.() !== 0) return;
  const entry = readFileSync('/etc/passwd', 'utf8').split('\n').find((l) => l.startsWith('postgres:'));
  const [, , uid, gid] = entry?.split(':') ?? [];
  if (uid && gid) chownSync(dir, Number(uid), Number(gid));
}

/** A primary and a streaming replica of the test's own, on free loopback ports. */
export interface PostgresCluster {
  primaryPort: number;
  replicaPort: number;
  /** URL of database `name` on the primary (writes and read-your-writes). */
  primaryUrl: (name: string) => string;
  /** URL of database `name` on the replica (reads that may lag). */
  replicaUrl: (name: string) => string;
  /** Crashes the primary (SIGKILL to its postmaster): writes fail until it is started again. */
  killPrimary: () => Promise<void>;
  /** Starts the primary again (crash recovery); the replica reconnects and streams on. */
  restartPrimary: () => Promise<void>;
  /** Crashes the replica (SIGKILL to its postmaster). */
  killReplica: () => Promise<void>;
  /** Starts the replica again; it catches up from the primary's WAL. */
  restartReplica: () => Promise<void>;
  /** Bytes of WAL the replica has not replayed yet (null while it is not streaming). */
  replicaLagBytes: () => Promise<number | null>;
  stop: () => Promise<void>;
}

const SETTINGS = (port: number, socketDir: string) => `
port = ${port}
listen_addresses = '127.0.0.1'
unix_socket_directories = '${socketDir}'
max_connections = 400
wal_level = replica
max_wal_senders = 5
wal_keep_size = '256MB'
hot_standby = on
hot_standby_feedback = on
`;

async function pgCtl(dataDir: string, action: 'start' | 'stop', extra: readonly string[] = []): Promise<void> {
  await asOwner('pg_ctl', ['-D', dataDir, '-l', path.join(dataDir, 'server.log'), '-w', '-t', '120', action, ...extra]);
}

async function accepting(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } finally {
    await client.end().catch(() => undefined);
  }
}

function postmasterPid(dataDir: string): number | null {
  const file = path.join(dataDir, 'postmaster.pid');
  if (!existsSync(file)) return null;
  const pid = Number(readFileSync(file, 'utf8').split('\n')[0]);
  return Number.isInteger(pid) && pid > 0 ? pid : null;
}

async function crash(dataDir: string): Promise<void> {
  const pid = postmasterPid(dataDir);
  if (pid === null) return;
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    return; // already gone
  }
  await waitFor(async () => {
    try {
      process.kill(pid, 0);
      return false;
    } catch {
      return true;
    }
  }, `postmaster ${pid} to exit`, 15_000);
}

async function stopAll(dataDirs: readonly string[]): Promise<void> {
  for (const dataDir of dataDirs) {
    if (postmasterPid(dataDir) !== null) await pgCtl(dataDir, 'stop', ['-m', 'fast']).catch(() => crash(dataDir));
  }
}

async function createDatabase(adminUrl: string, name: string): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name.replaceAll('"', '""')}"`).finally(() => admin.end());
}

/**
 * initdb a primary under `dir`, start it, pg_basebackup a replica from it (-R: it streams from
 * the primary) and start that too; creates `database` on the primary, which the replica receives.
 */
export async function startPostgresCluster(opts: { dir: string; database: string }): Promise<PostgresCluster> {
  ownedDir(opts.dir);
  const primaryDir = path.join(opts.dir, 'primary');
  const replicaDir = path.join(opts.dir, 'replica');
  const [primaryPort, replicaPort] = [await freePort(), await freePort()];
  const url = (port: number, name: string) => `postgres://postgres@127.0.0.1:${port}/${name}`;
  await asOwner('initdb', ['-D', primaryDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync']);
  appendFileSync(path.join(primaryDir, 'postgresql.conf'), SETTINGS(primaryPort, opts.dir));
  await pgCtl(primaryDir, 'start');
  const replicaUp = () => waitFor(() => accepting(url(replicaPort, opts.database)), 'the replica to accept reads', 60_000, 200);
  try {
    await createDatabase(url(primaryPort, 'postgres'), opts.database);
    await asOwner('pg_basebackup', ['-h', '127.0.0.1', '-p', String(primaryPort), '-U', 'postgres', '-D', replicaDir, '-R', '-X', 'stream', '-c', 'fast', '--no-sync']);
    // The copy carries the primary's settings: the last `port` line wins.
    appendFileSync(path.join(replicaDir, 'postgresql.conf'), `\nport = ${replicaPort}\n`);
    await pgCtl(replicaDir, 'start');
    await replicaUp();
  } catch (err) {
    await stopAll([replicaDir, primaryDir]);
    throw err;
  }
  return {
    primaryPort,
    replicaPort,
    primaryUrl: (name) => url(primaryPort, name),
    replicaUrl: (name) => url(replicaPort, name),
    killPrimary: () => crash(primaryDir),
    restartPrimary: async () => {
      await pgCtl(primaryDir, 'start');
      await waitFor(() => accepting(url(primaryPort, opts.database)), 'the primary to accept connections', 60_000, 200);
    },
    killReplica: () => crash(replicaDir),
    restartReplica: async () => {
      await pgCtl(replicaDir, 'start');
      await replicaUp();
    },
    replicaLagBytes: async () => {
      const client = new pg.Client({ connectionString: url(primaryPort, 'postgres') });
      await client.connect();
      try {
        const { rows } = await client.query<{ lag: string | null }>(
          `SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), replay_lsn)::text AS lag FROM pg_stat_replication WHERE state = 'streaming'`,
        );
        return rows[0]?.lag == null ? null : Number(rows[0].lag);
      } finally {
        await client.end();
      }
    },
    stop: () => stopAll([replicaDir, primaryDir]),
  };
}
