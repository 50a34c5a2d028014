/**
 * Identical work that is in flight at the same moment runs once: the first caller starts it,
 * later callers with the same key wait for the same promise. The entry goes away when the work
 * settles, so nothing is kept after the answer (this is not a cache).
 */
export class Inflight<T> {
  private readonly running = new Map<string, Promise<T>>();

  /** The work's promise, and whether another caller had already started it. */
  run(key: string, work: () => Promise<T>): { result: Promise<T>; shared: boolean } {
    const existing = this.running.get(key);
    if (existing) return { result: existing, shared: true };
    const started = work().finally(() => this.running.delete(key));
    this.running.set(key, started);
    return { result: started, shared: false };
  }

  get size(): number {
    return this.running.size;
  }
}
