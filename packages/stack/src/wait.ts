/** Polls `check` until it returns true or the deadline passes. */
export async function waitFor(check: () => Promise<boolean>, what: string, timeoutMs: number, intervalMs = 100): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

export async function isReady(baseUrl: string): Promise<boolean> {
  const res = await fetch(`${baseUrl}/readyz`, { signal: AbortSignal.timeout(2_000) });
  return res.ok;
}
