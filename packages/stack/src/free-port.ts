import { closeSync, mkdirSync, openSync, readdirSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/**
 * Free loopback ports that stay ours until this process exits.
 *
 * Asking the kernel for port 0 and closing the probe leaves a gap before the real server binds:
 * in it the kernel may hand the same port to the next probe (ours or another process's — the
 * cluster picks some thirty ports in a row, and other test runs pick theirs meanwhile) or use it
 * as the source port of an outgoing connection, and the second server to bind fails with
 * EADDRINUSE. So ports come from below the kernel's ephemeral range (which bind(0) and
 * outgoing connections draw from), and each is reserved by a file in a directory every process
 * of this repository shares, created exclusively: two processes can probe the same port, only
 * one can reserve it. A reservation whose process is gone is stale and is removed.
 */

/** Where reservations are kept: one file per port, holding the reserving process's pid. */
export const PORT_RESERVATIONS_DIR = path.join(os.tmpdir(), 'sx-port-reservations');

/** Below this no port is taken: well-known and registered services (Postgres 5432, our defaults 4000–4010, …). */
const LOWEST_PORT = 15_000;
/** Candidates tried before giving up (each a probe and at most one file). */
const MAX_ATTEMPTS = 500;

export interface PortReserverOptions {
  /** Directory of the reservation files (default PORT_RESERVATIONS_DIR). */
  dir?: string;
  /** The next port to try (default: a random one below the ephemeral range). */
  candidate?: () => number;
  /** Whether a reservation's owner still runs (default: signal 0 to its pid). */
  alive?: (pid: number) => boolean;
}

/** The kernel's ephemeral range, from which bind(0) and outgoing connections take ports. */
function ephemeralLow(): number {
  try {
    const low = Number(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0]);
    return Number.isInteger(low) && low > LOWEST_PORT + 1_000 ? low : 32_768;
  } catch {
    return 32_768; // not Linux: the IANA dynamic range starts at 49152, Linux's default at 32768
  }
}

function randomCandidate(): number {
  const high = ephemeralLow();
  return LOWEST_PORT + Math.floor(Math.random() * (high - LOWEST_PORT));
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'; // alive, another user's
  }
}

/** Whether nothing listens on the loopback `port` now (a probe bind, closed at once). */
export function canBind(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.unref();
    server.once('error', () => resolve(false));
    server.listen({ port, host: '127.0.0.1', exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/** Hands out ports no other reserver (in this process or another) holds; see the file comment. */
export class PortReserver {
  private readonly dir: string;
  private readonly candidate: () => number;
  private readonly alive: (pid: number) => boolean;
  private readonly held = new Set<number>();
  private swept = false;

  constructor(opts: PortReserverOptions = {}) {
    this.dir = opts.dir ?? PORT_RESERVATIONS_DIR;
    this.candidate = opts.candidate ?? randomCandidate;
    this.alive = opts.alive ?? pidAlive;
  }

  /** A port nothing listens on and no live process has reserved; reserved for this process. */
  async reserve(): Promise<number> {
    mkdirSync(this.dir, { recursive: true, mode: 0o1777 });
    if (!this.swept) this.sweep();
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const port = this.candidate();
      if (this.held.has(port) || !this.claim(port)) continue;
      // Reserved: now check nothing outside the reservations (a fixed-port server) has it.
      if (await canBind(port)) return port;
      this.release(port);
    }
    throw new Error(`no free port after ${MAX_ATTEMPTS} attempts (reservations in ${this.dir})`);
  }

  /** Gives a port back (its server is gone for good). */
  release(port: number): void {
    if (!this.held.delete(port)) return;
    try {
      unlinkSync(this.fileOf(port));
    } catch {
      // already removed (as stale, by a process that outlived a pid reuse): nothing to give back
    }
  }

  /** Gives back every port this reserver holds (at exit). */
  releaseAll(): void {
    for (const port of [...this.held]) this.release(port);
  }

  /** Ports this reserver holds. */
  holds(): ReadonlySet<number> {
    return this.held;
  }

  /**
   * Removes every reservation whose process is gone, once per reserver: a process killed
   * without its exit handler (a test worker, a SIGKILL) leaves its files behind.
   */
  private sweep(): void {
    this.swept = true;
    for (const name of readdirSync(this.dir)) if (/^\d+$/.test(name)) this.removeIfStale(path.join(this.dir, name));
  }

  private fileOf(port: number): string {
    return path.join(this.dir, String(port));
  }

  /** Creates the port's reservation file exclusively; a stale one is removed and the port skipped this time. */
  private claim(port: number): boolean {
    const file = this.fileOf(port);
    try {
      const fd = openSync(file, 'wx', 0o644);
      writeSync(fd, String(process.pid));
      closeSync(fd);
      this.held.add(port);
      return true;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    this.removeIfStale(file);
    return false;
  }

  /**
   * Removes a reservation whose process has exited. The port is not taken in the same step: a
   * later exclusive create decides who gets it, so two processes clearing the same stale file
   * cannot both end up holding the port.
   */
  private removeIfStale(file: string): void {
    try {
      const pid = Number(readFileSync(file, 'utf8'));
      // An empty file is one being written right now: not stale.
      if (!Number.isInteger(pid) || pid <= 0 || this.alive(pid)) return;
      unlinkSync(file);
    } catch {
      // removed meanwhile by its owner or another process
    }
  }
}

const processReserver = new PortReserver();
process.once('exit', () => processReserver.releaseAll());

/**
 * A free loopback port for a server this process is about to start: reserved until the process
 * exits (or releasePort), so no other freePort caller, here or in another process, gets it.
 */
export function freePort(): Promise<number> {
  return processReserver.reserve();
}

/** Gives back a port from freePort whose server is stopped for good. */
export function releasePort(port: number): void {
  processReserver.release(port);
}
