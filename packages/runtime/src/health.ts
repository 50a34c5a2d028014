/** One thing a process needs, and how to see that it answers. */
export interface DependencyProbe {
  name: string;
  /** Resolves when the dependency answers; rejects (or outlasts the timeout) when it does not. */
  probe: () => Promise<unknown>;
  /**
   * Required: without it the process cannot serve, so readiness fails (503). Not required: it
   * still serves (e.g. events wait in the outbox while NATS is away), so readiness only degrades.
   */
  required: boolean;
}

export interface DependencyStatus {
  ok: boolean;
  required: boolean;
  ms: number;
  error?: string;
}

export type Readiness = 'ready' | 'degraded' | 'unavailable';

export interface HealthReport {
  status: Readiness;
  /** Names of the dependencies that did not answer, required or not. */
  failing: string[];
  dependencies: Record<string, DependencyStatus>;
}

async function probeOne(dep: DependencyProbe, timeoutMs: number): Promise<DependencyStatus> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    await Promise.race([dep.probe(), timeout]);
    return { ok: true, required: dep.required, ms: Math.round(performance.now() - started) };
  } catch (err) {
    return { ok: false, required: dep.required, ms: Math.round(performance.now() - started), error: (err as Error).message.slice(0, 200) };
  } finally {
    clearTimeout(timer);
  }
}

/** Asks every dependency at once, so a check takes at most one timeout, not one per dependency. */
export async function checkHealth(deps: readonly DependencyProbe[], timeoutMs: number): Promise<HealthReport> {
  const results = await Promise.all(deps.map(async (dep) => [dep.name, await probeOne(dep, timeoutMs)] as const));
  const dependencies = Object.fromEntries(results);
  const failing = results.filter(([, r]) => !r.ok).map(([name]) => name);
  const requiredDown = results.some(([, r]) => !r.ok && r.required);
  const status: Readiness = requiredDown ? 'unavailable' : failing.length > 0 ? 'degraded' : 'ready';
  return { status, failing, dependencies };
}
