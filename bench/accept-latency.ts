import type { BenchClient, BenchUser } from './bench-client.js';

async function until<T>(read: () => Promise<T | null>, timeoutMs: number, intervalMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== null) return value;
    if (Date.now() > deadline) throw new Error(`not reached within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/**
 * acceptBid → task ASSIGNED, n times: from sending acceptBid to first seeing the task ASSIGNED
 * (polled every 5 ms, so figures carry up to 5 ms of polling error). Returns milliseconds.
 */
export async function measureAcceptLatency(api: BenchClient, n: number): Promise<number[]> {
  const [poster, tasker] = (await api.signUpMany(2)) as [BenchUser, BenchUser];
  await api.deposit(poster, 1_000_000);
  const latencies: number[] = [];
  for (let i = 0; i < n; i++) {
    const task = await api.ok<{ postTask: { id: string } }>(
      `mutation($input: PostTaskInput!) { postTask(input: $input) { id } }`,
      { input: { title: `Bench task ${i}`, category: 'OTHER', budget: { amount: 5000, currency: 'USD' } } },
      poster.token,
    );
    const taskId = task.postTask.id;
    const bidId = await until(async () => {
      const res = await api.call<{ placeBid: { id: string } }>(
        `mutation($input: PlaceBidInput!) { placeBid(input: $input) { id } }`,
        { input: { taskId, amount: { amount: 4000, currency: 'USD' }, message: 'bench' } },
        tasker.token,
      );
      if (res.data?.placeBid.id) return res.data.placeBid.id;
      // Retried only while bids has not seen the task (the retryable refusal); anything else fails.
      if (res.errors?.[0]?.extensions?.reason === 'TASK_NOT_YET_KNOWN') return null;
      throw new Error(`placeBid failed: ${JSON.stringify(res.errors)}`);
    }, 10_000, 10);
    const start = performance.now();
    await api.ok(`mutation($id: ID!) { acceptBid(id: $id) { id } }`, { id: bidId }, poster.token);
    await until(async () => {
      const res = await api.call<{ task: { status: string } }>(`query($id: ID!) { task(id: $id) { status } }`, { id: taskId });
      return res.data?.task.status === 'ASSIGNED' ? true : null;
    }, 30_000, 5);
    latencies.push(Math.round(performance.now() - start));
  }
  return latencies;
}
