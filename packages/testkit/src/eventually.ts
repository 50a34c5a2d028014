/**
 * Polls `read` until `check` holds and returns that value; fails with the last value after
 * `timeoutMs`. Tests wait on outcomes of asynchronous work (events) with this, never with sleeps.
 */
export async function eventually<T>(
  read: () => Promise<T>,
  check: (value: T) => boolean,
  opts: { timeoutMs?: number; intervalMs?: number; what?: string } = {},
): Promise<T> {
  const { timeoutMs = 20_000, intervalMs = 50, what = 'condition' } = opts;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (check(value)) return value;
    if (Date.now() > deadline) throw new Error(`${what} not met within ${timeoutMs} ms; last value: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
