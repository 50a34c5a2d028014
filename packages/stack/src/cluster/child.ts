import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import net from 'node:net';

const TAIL_LINES = 80;

/** A server process the cluster owns (nats-server, haproxy), with its last lines for errors. */
export interface OwnedChild {
  name: string;
  child: ChildProcess;
  tail: () => string;
  /** Stops it (SIGKILL simulates a crash) and waits for the exit. */
  stop: (signal?: NodeJS.Signals) => Promise<void>;
}

/** Spawns `command`, keeping its output (and echoing it, prefixed, when `echo`). */
export function spawnOwned(name: string, command: string, args: readonly string[], opts: SpawnOptions & { echo?: boolean } = {}): OwnedChild {
  const child = spawn(command, args, { ...opts, stdio: ['ignore', 'pipe', 'pipe'] });
  return { name, child, tail: keepTail(child, name, opts.echo ?? false, TAIL_LINES), stop: (signal) => stopChild(child, signal) };
}

/** Keeps the last `max` lines `child` writes (echoed with a `[name]` prefix when `echo`); returns a reader. */
export function keepTail(child: ChildProcess, name: string, echo: boolean, max: number): () => string {
  const lines: string[] = [];
  const keep = (chunk: Buffer) => {
    for (const line of chunk.toString('utf8').split('\n')) {
      if (!line) continue;
      lines.push(line);
      if (lines.length > max) lines.shift();
      if (echo) process.stdout.write(`[${name}] ${line}\n`);
    }
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return () => lines.join('\n');
}

/** Signals `child` and waits for it to exit (SIGKILL after `timeoutMs`). */
export function stopChild(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM', timeoutMs = 15_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill(signal);
  });
}

/** Whether something accepts TCP connections on the loopback `port`. */
export function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
