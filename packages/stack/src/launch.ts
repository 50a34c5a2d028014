import { NAMESPACED_STREAM_MAX_BYTES } from '@sx/events';
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { keepTail, stopChild } from './cluster/child.js';
import { freePort } from './free-port.js';
import { generateStackSecrets, secretEnvFor, secretsFromEnv, type StackSecrets } from './secrets.js';
import { GATEWAY, SUBGRAPHS, subgraphUrlVariable, type ServiceSpec } from './services.js';
import { isReady } from './wait.js';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

export interface LaunchOptions {
  /** Database all services share (each in its own schema). */
  databaseUrl: string;
  /** Pick free ports instead of the defaults (tests). */
  randomPorts?: boolean;
  /** Only these services (default: all). */
  only?: readonly string[];
  /** The stack's secrets; fresh random ones when not given (tests, benches). */
  secrets?: StackSecrets;
  /** Extra environment for every process. */
  env?: Record<string, string>;
  /** Extra environment for one service, by name. */
  serviceEnv?: Record<string, Record<string, string>>;
  /** Where child output goes: inherited (npm start) or dropped unless a process fails (tests). */
  output?: 'inherit' | 'quiet';
  readyTimeoutMs?: number;
}

export interface RunningProcess {
  name: string;
  port: number;
  baseUrl: string;
  child: ChildProcess;
  /** The last lines the process wrote, for error messages. */
  tail: () => string;
}

export interface RunningStack {
  gatewayUrl: string;
  /** What the processes were given (tests sign tokens and scrape /metrics with them). */
  secrets: StackSecrets;
  processes: Map<string, RunningProcess>;
  stop: () => Promise<void>;
  /** Starts one service again on the same port, with its environment plus `env` (fault tests). */
  restart: (name: string, env?: Record<string, string>) => Promise<void>;
  /** Stops one service (SIGTERM, or SIGKILL to simulate a crash). */
  kill: (name: string, signal?: NodeJS.Signals) => Promise<void>;
}

const TAIL_LINES = 60;

/** Service processes still running, killed if this process exits without stopping them. */
const running = new Set<ChildProcess>();
let killOnExitInstalled = false;

/** A test run cut short (Ctrl-C while the stack starts or runs) must not leave its services behind. */
function killOnExit(child: ChildProcess): void {
  running.add(child);
  child.once('exit', () => running.delete(child));
  if (killOnExitInstalled) return;
  killOnExitInstalled = true;
  process.once('exit', () => {
    for (const c of running) c.kill('SIGKILL');
  });
}

/**
 * Starts one service process on `port`; its output is kept (and echoed with `inherit`, each line
 * prefixed with `label`: a cluster's instances of one service are told apart by it).
 */
export function spawnService(spec: ServiceSpec, port: number, env: Record<string, string>, output: 'inherit' | 'quiet', label = spec.name): RunningProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(spec.dir, 'src/index.ts')], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  killOnExit(child);
  const tail = keepTail(child, label, output === 'inherit', TAIL_LINES);
  return { name: spec.name, port, baseUrl: `http://127.0.0.1:${port}`, child, tail };
}

/** Waits until the process answers /readyz; fails at once, with its output, if it exits. */
export async function waitReady(proc: RunningProcess, timeoutMs: number): Promise<void> {
  let exited: string | null = null;
  proc.child.once('exit', (code, signal) => {
    exited = `exited with ${code ?? signal}`;
  });
  const deadline = Date.now() + timeoutMs;
  // A process that dies while starting (bad config, syntax error) fails at once, with its output.
  while (!exited) {
    if (await isReady(proc.baseUrl).catch(() => false)) return;
    if (Date.now() > deadline) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const why = exited ?? `not ready after ${timeoutMs} ms`;
  throw new Error(`${proc.name} on port ${proc.port} ${why}\n--- ${proc.name} output ---\n${proc.tail()}`);
}

/** Signals the process and waits for it to exit (SIGKILL after `timeoutMs`). */
export function stopProcess(proc: RunningProcess, signal: NodeJS.Signals = 'SIGTERM', timeoutMs = 15_000): Promise<void> {
  return stopChild(proc.child, signal, timeoutMs);
}

/**
 * Starts the five subgraphs, waits until each is ready (migrations applied), then the gateway.
 * Used by `npm start` and by the end-to-end tests, so both run the same thing.
 */
export async function launchStack(opts: LaunchOptions): Promise<RunningStack> {
  const output = opts.output ?? 'inherit';
  const readyTimeoutMs = opts.readyTimeoutMs ?? 60_000;
  const ports = new Map<string, number>();
  const wanted = (name: string) => !opts.only || opts.only.includes(name);
  const subgraphs = SUBGRAPHS.filter((s) => wanted(s.name));
  for (const spec of [...SUBGRAPHS, GATEWAY]) {
    ports.set(spec.name, opts.randomPorts ? await freePort() : spec.defaultPort);
  }
  // A namespaced run (tests, benches) makes its own streams on a shared server.
  const namespaced = Boolean(opts.env?.EVENTS_NAMESPACE);
  const sharedEnv: Record<string, string> = {
    DATABASE_URL: opts.databaseUrl,
    ...(namespaced ? { EVENTS_STREAM_MAX_BYTES: String(NAMESPACED_STREAM_MAX_BYTES) } : {}),
    ...opts.env,
  };
  for (const spec of SUBGRAPHS) {
    sharedEnv[subgraphUrlVariable(spec.name)] = `http://127.0.0.1:${ports.get(spec.name)}/graphql`;
  }
  const specs = new Map([...SUBGRAPHS, GATEWAY].map((s) => [s.name, s]));
  const secrets = opts.secrets ?? secretsFromEnv(opts.env) ?? generateStackSecrets();
  // The secrets go to each process as secretEnvFor decides (a subgraph gets only its own key),
  // even when the caller passed them in `env`.
  for (const name of ['IDENTITY_SECRET', 'JWT_SECRET', 'METRICS_TOKEN']) delete sharedEnv[name];
  const envOf = (name: string) => ({ ...sharedEnv, ...secretEnvFor(name, secrets), ...opts.serviceEnv?.[name] });
  const processes = new Map<string, RunningProcess>();

  const start = async (name: string, env: Record<string, string> = {}) => {
    const spec = specs.get(name);
    if (!spec) throw new Error(`unknown service ${name}`);
    const proc = spawnService(spec, ports.get(name) ?? 0, { ...envOf(name), ...env }, output);
    processes.set(name, proc);
    await waitReady(proc, readyTimeoutMs);
  };
  const stop = async () => {
    const gateway = processes.get(GATEWAY.name);
    if (gateway) await stopProcess(gateway);
    await Promise.all([...processes.values()].filter((p) => p.name !== GATEWAY.name).map((p) => stopProcess(p)));
  };

  try {
    await Promise.all(subgraphs.map((s) => start(s.name)));
    if (wanted(GATEWAY.name)) await start(GATEWAY.name);
  } catch (err) {
    await stop();
    throw err;
  }
  return {
    gatewayUrl: `http://127.0.0.1:${ports.get(GATEWAY.name)}/graphql`,
    secrets,
    processes,
    stop,
    restart: start,
    kill: async (name, signal) => {
      const proc = processes.get(name);
      if (proc) await stopProcess(proc, signal);
    },
  };
}
