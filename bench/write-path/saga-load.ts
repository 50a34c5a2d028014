import type { BenchClient, BenchUser } from '../bench-client.js';
import type { StateWatcher } from './state-watcher.js';
import { cpuMark, machineCpuSince, type MachineCpu } from '../machine-cpu.js';

/** The operations of the bid → payment saga, named so the services' counters can tell them apart. */
export const SAGA_OPS = {
  post: `mutation BenchPostTask($input: PostTaskInput!) { postTask(input: $input) { id } }`,
  bid: `mutation BenchPlaceBid($input: PlaceBidInput!) { placeBid(input: $input) { id } }`,
  accept: `mutation BenchAcceptBid($id: ID!) { acceptBid(id: $id) { id } }`,
  done: `mutation BenchMarkDone($id: ID!) { markTaskDone(id: $id) { id } }`,
  confirm: `mutation BenchConfirm($id: ID!) { confirmTaskCompletion(id: $id) { id } }`,
};

export async function postTask(api: BenchClient, poster: BenchUser, title: string): Promise<string> {
  const data = await api.ok<{ postTask: { id: string } }>(
    SAGA_OPS.post,
    { input: { title, category: 'OTHER', budget: { amount: 5000, currency: 'USD' } } },
    poster.token,
  );
  return data.postTask.id;
}

/** Places a bid, retrying while bids has not yet heard of the task (its replica is fed by events). */
export async function placeBid(api: BenchClient, tasker: BenchUser, taskId: string): Promise<string> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const res = await api.call<{ placeBid: { id: string } }>(
      SAGA_OPS.bid,
      { input: { taskId, amount: { amount: 4000, currency: 'USD' }, message: 'bench' } },
      tasker.token,
    );
    if (res.data?.placeBid) return res.data.placeBid.id;
    if (Date.now() > deadline) throw new Error(`placeBid kept failing: ${JSON.stringify(res.errors)}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

export interface SagaRun {
  /** acceptBid sent → task ASSIGNED, ms, one per saga. */
  acceptLatencies: number[];
  sagas: number;
  /** Sagas run at once. */
  concurrency: number;
  seconds: number;
  /** The whole machine's CPU over the run, per whole saga. */
  machine: MachineCpu;
}

async function oneSaga(api: BenchClient, watch: StateWatcher, pair: { poster: BenchUser; tasker: BenchUser }, i: number): Promise<number> {
  const taskId = await postTask(api, pair.poster, `Bench saga ${i}`);
  const bidId = await placeBid(api, pair.tasker, taskId);
  const start = performance.now();
  await api.ok(SAGA_OPS.accept, { id: bidId }, pair.poster.token);
  await watch.until('task-assigned', taskId);
  const latency = performance.now() - start;
  await api.ok(SAGA_OPS.done, { id: taskId }, pair.tasker.token);
  await api.ok(SAGA_OPS.confirm, { id: taskId }, pair.poster.token);
  await watch.until('payment-released', taskId);
  return latency;
}

/**
 * `pairs.length` sagas at a time, `total` in all: post → bid → accept → ASSIGNED → done →
 * confirm → payment RELEASED. Sagas per second count whole sagas from the first post to the
 * last release.
 */
export async function runSagas(api: BenchClient, watch: StateWatcher, pairs: { poster: BenchUser; tasker: BenchUser }[], total: number): Promise<SagaRun> {
  const acceptLatencies: number[] = [];
  let next = 0;
  const start = performance.now();
  const machineBefore = cpuMark();
  await Promise.all(
    pairs.map(async (pair) => {
      while (next < total) {
        const i = next++;
        acceptLatencies.push(await oneSaga(api, watch, pair, i));
      }
    }),
  );
  const seconds = (performance.now() - start) / 1000;
  const machine = machineCpuSince(machineBefore, total);
  return { acceptLatencies: acceptLatencies.map(Math.round).sort((a, b) => a - b), sagas: total, concurrency: pairs.length, seconds, machine };
}

/**
 * placeBid throughput: each tasker bids on every task in turn (one active bid per tasker and
 * task), all taskers at once, for `seconds` or until they run out of tasks.
 */
export async function placeBidLoad(api: BenchClient, taskers: BenchUser[], taskIds: string[], seconds: number): Promise<{ perSecond: number; errors: number; bids: number }> {
  const deadline = Date.now() + seconds * 1000;
  let bids = 0;
  let errors = 0;
  const start = performance.now();
  await Promise.all(
    taskers.map(async (tasker) => {
      for (const taskId of taskIds) {
        if (Date.now() >= deadline) return;
        const res = await api.call(SAGA_OPS.bid, { input: { taskId, amount: { amount: 4000, currency: 'USD' }, message: 'bench' } }, tasker.token);
        if (res.errors?.length) errors += 1;
        else bids += 1;
      }
    }),
  );
  return { perSecond: bids / ((performance.now() - start) / 1000), errors, bids };
}
