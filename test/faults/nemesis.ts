import { seededRandom } from '../../e2e/money-model.js';
import type { FaultStack } from './fault-stack.js';

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

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Injects one fault at a time, at random (from a printed seed), until `stopAt`: SIGKILL of a
 * service then its restart, a SIGSTOP pause then SIGCONT, a SIGKILL of the nats-server then its
 * restart on the same store, an immediate (crash) stop of Postgres then its start. After each it
 * waits until every process is ready again, so faults never pile up into an outage of everything.
 */
export async function runNemesis(stack: FaultStack, seed: number, stopAt: number): Promise<FaultLog> {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const log: FaultLog = { counts: new Map(), events: [] };
  const started = Date.now();
  const targets = stack.instances().filter((n) => TARGETS.includes(n.replace(/-2$/, '')));
  const note = (kind: FaultKind, target: string) => {
    const key = `${kind}: ${target.replace(/-2$/, '')}`;
    log.counts.set(key, (log.counts.get(key) ?? 0) + 1);
    log.events.push(`${((Date.now() - started) / 1000).toFixed(1)}s ${kind} ${target}`);
  };
  while (Date.now() < stopAt) {
    await sleep(1_000 + random() * 3_000);
    if (Date.now() >= stopAt) break;
    const roll = random();
    const downMs = 300 + random() * 2_500;
    if (roll < 0.45) {
      const target = pick(targets);
      note('kill -9 + restart', target);
      await stack.kill(target, 'SIGKILL');
      await sleep(downMs);
      await stack.restart(target);
    } else if (roll < 0.7) {
      const target = pick(targets);
      note('SIGSTOP/SIGCONT', target);
      stack.pause(target);
      await sleep(downMs);
      stack.resume(target);
    } else if (roll < 0.85) {
      note('nats-server kill -9 + restart', 'nats');
      await stack.nats.pause('SIGKILL');
      await sleep(downMs);
      await stack.nats.resume();
    } else {
      note('postgres crash + restart', 'postgres');
      await stack.postgres.pause('immediate');
      await sleep(downMs);
      await stack.postgres.resume();
    }
    await heal(stack);
  }
  return log;
}

/** Waits until every process answers its readiness check again. */
export async function heal(stack: FaultStack): Promise<void> {
  const deadline = Date.now() + HEAL_TIMEOUT_MS;
  while (!(await stack.allReady())) {
    if (Date.now() > deadline) throw new Error(`the stack did not heal within ${HEAL_TIMEOUT_MS} ms:\n${await stack.describeUnready()}`);
    await sleep(250);
  }
}
