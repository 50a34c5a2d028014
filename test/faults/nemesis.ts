import { seededRandom } from '../../e2e/money-model.js';

/**
 * What the nemesis needs of a stack: its service instances to kill and pause, one NATS server
 * and one Postgres server to crash (for a cluster: a node of it, named by `label`), readiness.
 * FaultStack is one; the clustered stack's adapter (test/cluster/cluster-nemesis.ts) another.
 */
export interface NemesisStack {
  instances(): string[];
  kill(name: string, signal: NodeJS.Signals): Promise<void>;
  restart(name: string): Promise<void>;
  pause(name: string): void;
  resume(name: string): void;
  nats: { pause(signal: 'SIGKILL'): Promise<void>; resume(): Promise<void>; label?: () => string };
  postgres: { pause(mode: 'immediate'): Promise<void>; resume(): Promise<void>; label?: () => string };
  allReady(): Promise<boolean>;
  describeUnready(): Promise<string>;
}

/** One kind of fault and how many times it was injected. */
export type FaultKind = 'kill -9 + restart' | 'SIGSTOP/SIGCONT' | 'nats-server kill -9 + restart' | 'postgres crash + restart';

export interface FaultLog {
  counts: Map<string, number>;
  /** Every fault in order: `<kind> <target>` with its offset from the start. */
  events: string[];
}

/** Processes the nemesis kills or pauses (their second instances too, where there are some). */
const TARGETS = ['wallet', 'bids', 'tasks', 'gateway'];
const HEAL_TIMEOUT_MS = 120_000;
const FAULT_KINDS: readonly FaultKind[] = ['kill -9 + restart', 'SIGSTOP/SIGCONT', 'nats-server kill -9 + restart', 'postgres crash + restart'];

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Injects one fault at a time, at random (from a printed seed), until `stopAt`: SIGKILL of a
 * service then its restart, a SIGSTOP pause then SIGCONT, a SIGKILL of the nats-server then its
 * restart on the same store, an immediate (crash) stop of Postgres then its start. After each it
 * waits until every process is ready again, so faults never pile up into an outage of everything.
 */
export async function runNemesis(stack: NemesisStack, seed: number, stopAt: number): Promise<FaultLog> {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const log: FaultLog = { counts: new Map(), events: [] };
  const started = Date.now();
  // Instances are `wallet`, `wallet-2` (FaultStack) or `wallet-1`, `wallet-2` (the cluster).
  const serviceOf = (instance: string) => instance.replace(/-\d+$/, '');
  const targets = stack.instances().filter((n) => TARGETS.includes(serviceOf(n)));
  const note = (kind: FaultKind, target: string) => {
    const key = `${kind}: ${serviceOf(target)}`;
    log.counts.set(key, (log.counts.get(key) ?? 0) + 1);
    log.events.push(`${((Date.now() - started) / 1000).toFixed(1)}s ${kind} ${target}`);
  };
  // The kinds take turns in an order shuffled per round, so even a short run injects each one.
  // A round that has begun is finished past `stopAt`: a short run under load still injects each kind.
  let round: FaultKind[] = [...FAULT_KINDS].sort(() => random() - 0.5);
  while (Date.now() < stopAt || round.length > 0) {
    await sleep(1_000 + random() * 3_000);
    if (round.length === 0) round = [...FAULT_KINDS].sort(() => random() - 0.5);
    const kind = round.shift() ?? 'kill -9 + restart';
    await inject(stack, kind, kind.startsWith('kill') || kind.startsWith('SIGSTOP') ? pick(targets) : '', 300 + random() * 2_500, note);
    await heal(stack);
  }
  return log;
}

/** One fault, held for `downMs`, then undone. */
async function inject(stack: NemesisStack, kind: FaultKind, target: string, downMs: number, note: (kind: FaultKind, target: string) => void): Promise<void> {
  if (kind === 'kill -9 + restart') {
    note(kind, target);
    await stack.kill(target, 'SIGKILL');
    await sleep(downMs);
    return stack.restart(target);
  }
  if (kind === 'SIGSTOP/SIGCONT') {
    note(kind, target);
    stack.pause(target);
    await sleep(downMs);
    return stack.resume(target);
  }
  if (kind === 'nats-server kill -9 + restart') {
    note(kind, stack.nats.label?.() ?? 'nats');
    await stack.nats.pause('SIGKILL');
    await sleep(downMs);
    return stack.nats.resume();
  }
  note(kind, stack.postgres.label?.() ?? 'postgres');
  await stack.postgres.pause('immediate');
  await sleep(downMs);
  await stack.postgres.resume();
}

/** Waits until every process answers its readiness check again. */
export async function heal(stack: NemesisStack): Promise<void> {
  const deadline = Date.now() + HEAL_TIMEOUT_MS;
  while (!(await stack.allReady())) {
    if (Date.now() > deadline) throw new Error(`the stack did not heal within ${HEAL_TIMEOUT_MS} ms:\n${await stack.describeUnready()}`);
    await sleep(250);
  }
}
