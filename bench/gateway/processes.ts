/** The bench's view of the gateway processes: start the other two, read CPU time and memory. */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { REPO_ROOT, waitFor } from '@sx/stack';

/** Linux's clock ticks per second for /proc CPU times (USER_HZ). */
export const TICKS_PER_SECOND = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

/** User + system CPU time a process has used so far, in milliseconds (Linux /proc). */
export async function cpuMs(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may hold spaces) start at state; utime and stime are 14 and 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
}

export interface GatewayProcess {
  name: string;
  url: string;
  pid: number;
  stop: () => Promise<void>;
}

/** Answers a trivial query: the gateway has loaded its supergraph and reaches a subgraph. */
async function answersQueries(url: string): Promise<boolean> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ tasks(first: 1) { edges { node { id } } } }' }),
    signal: AbortSignal.timeout(2_000),
  });
  return res.ok && !(await res.text()).includes('"errors"');
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** Starts `node <args>` from the repository root and waits until its /graphql answers. */
export async function startGatewayProcess(name: string, args: string[], port: number, env: Record<string, string>): Promise<GatewayProcess> {
  const child = spawn(process.execPath, args, { cwd: REPO_ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const tail: string[] = [];
  const keep = (chunk: Buffer) => {
    tail.push(chunk.toString('utf8'));
    if (tail.length > 40) tail.shift();
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const url = `http://127.0.0.1:${port}/graphql`;
  try {
    // STACK_READY_TIMEOUT_MS, as for the stack: at load 110 Hive Gateway took longer than 180 s to answer.
    await waitFor(async () => child.exitCode === null && (await answersQueries(url)), `${name} at ${url}`, Number(process.env.STACK_READY_TIMEOUT_MS ?? 180_000), 200);
  } catch (err) {
    await stopChild(child);
    throw new Error(`${(err as Error).message}\n--- ${name} output ---\n${tail.join('')}`);
  }
  return { name, url, pid: child.pid ?? 0, stop: () => stopChild(child) };
}
