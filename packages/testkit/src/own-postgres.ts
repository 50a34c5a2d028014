import { execFile } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { freePort } from '@sx/stack';

const run = promisify(execFile);

/** The newest PostgreSQL server binaries the machine has (Debian keeps them per major version). */
function binDir(): string {
  const root = '/usr/lib/postgresql';
  const majors = existsSync(root) ? readdirSync(root).filter((d) => existsSync(path.join(root, d, 'bin', 'initdb'))) : [];
  const newest = majors.sort((a, b) => Number(b) - Number(a))[0];
  if (!newest) throw new Error('no PostgreSQL server binaries under /usr/lib/postgresql/*/bin');
  return path.join(root, newest, 'bin');
}

/** initdb refuses to run as root: as root, the cluster belongs to the `postgres` system user. */
function asOwner(command: string, args: string[]): [string, string[]] {
  if (process.getuid?.() !== 0) return [command, args];
  return ['runuser', ['-u', 'postgres', '--', command, ...args]];
}

/**
 * A PostgreSQL cluster of a test's own: `initdb` in a temp dir, `pg_ctl` on a free loopback port,
 * trust auth for the `postgres` role. A test stops it (`immediate` = a crash: no checkpoint,
 * recovery from WAL on the next start) and starts it again on the same port and data, without
 * touching the machine's shared server (the fault nemesis, the readiness tests).
 */
export class OwnPostgres {
  private constructor(
    readonly port: number,
    private readonly dir: string,
    private readonly bin: string,
  ) {}

  static async start(): Promise<OwnPostgres> {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'sx-pg-'));
    if (process.getuid?.() === 0) chownSync(dir, Number((await run('id', ['-u', 'postgres'])).stdout.trim()), Number((await run('id', ['-g', 'postgres'])).stdout.trim()));
    const server = new OwnPostgres(await freePort(), dir, binDir());
    const data = path.join(dir, 'data');
    await run(...asOwner(path.join(server.bin, 'initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync']));
    // The nemesis crashes the server process, not the OS: a commit written to the OS survives
    // without fsync, which spares the shared disk. synchronous_commit stays on — off, a crash
    // loses transactions already acknowledged, which is not a fault the system claims to survive.
    writeFileSync(
      path.join(data, 'postgresql.auto.conf'),
      [`port = ${server.port}`, "listen_addresses = '127.0.0.1'", `unix_socket_directories = '${dir}'`, 'fsync = off', 'full_page_writes = off', 'max_connections = 300', ''].join('\n'),
    );
    if (process.getuid?.() === 0) await run('chown', ['postgres:postgres', path.join(data, 'postgresql.auto.conf')]);
    await server.resume();
    return server;
  }

  get adminUrl(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }

  /** A URL of database `name` on this cluster. */
  urlOf(name: string): string {
    return `postgres://postgres@127.0.0.1:${this.port}/${name}`;
  }

  async resume(): Promise<void> {
    await run(...asOwner(path.join(this.bin, 'pg_ctl'), ['-D', path.join(this.dir, 'data'), '-l', path.join(this.dir, 'log'), '-w', '-t', '60', 'start']));
  }

  /** `immediate` aborts every backend without a checkpoint: what a crash leaves behind. */
  async pause(mode: 'immediate' | 'fast' = 'immediate'): Promise<void> {
    await run(...asOwner(path.join(this.bin, 'pg_ctl'), ['-D', path.join(this.dir, 'data'), '-m', mode, '-w', 'stop']));
  }

  async stop(): Promise<void> {
    await this.pause('fast').catch(() => undefined);
    rmSync(this.dir, { recursive: true, force: true });
  }
}
