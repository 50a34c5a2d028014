import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, portOpen, waitFor } from '@sx/stack';

const BINARY = ['/usr/sbin/nats-server', '/usr/bin/nats-server', '/usr/local/bin/nats-server'].find((p) => existsSync(p)) ?? 'nats-server';

/**
 * A nats-server of a test's own, with JetStream, on a free loopback port. Fault tests stop and
 * restart it without touching the machine's shared server.
 */
export class OwnNatsServer {
  readonly storeDir: string;
  private child: ChildProcess | null = null;

  private constructor(readonly port: number) {
    this.storeDir = mkdtempSync(path.join(os.tmpdir(), 'sx-nats-'));
  }

  static async start(): Promise<OwnNatsServer> {
    const server = new OwnNatsServer(await freePort());
    await server.resume();
    return server;
  }

  get url(): string {
    return `nats://127.0.0.1:${this.port}`;
  }

  /** Starts (again) on the same port and store: streams and consumers survive. */
  async resume(): Promise<void> {
    this.child = spawn(BINARY, ['-a', '127.0.0.1', '-p', String(this.port), '-js', '-sd', this.storeDir], { stdio: 'ignore' });
    await waitFor(() => portOpen(this.port), `nats-server on ${this.port}`, 10_000, 50);
  }

  /** Stops the server (SIGKILL simulates a crash). */
  async pause(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    const child = this.child;
    this.child = null;
    if (!child || child.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill(signal);
    });
  }

  /** Loses everything JetStream stored (the disaster the outbox replay recovers from). */
  async wipeStore(): Promise<void> {
    await this.pause('SIGKILL');
    rmSync(this.storeDir, { recursive: true, force: true });
  }

  async stop(): Promise<void> {
    await this.pause();
    rmSync(this.storeDir, { recursive: true, force: true });
  }
}
