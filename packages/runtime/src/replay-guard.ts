/**
 * Remembers the request ids of signatures a subgraph accepted, for as long as a signature is
 * valid (the skew window both ways), so the same signed request is served once. Per process:
 * with several replicas of a subgraph a replay could reach another replica within the window,
 * which the body binding already makes a replay of the very same operation (docs/security.md).
 */
export class ReplayGuard {
  // Insertion order is arrival order, so the oldest entries are at the front.
  private readonly seen = new Map<string, number>();

  constructor(
    private readonly windowMs: number,
    private readonly maxEntries: number,
  ) {}

  /** True the first time `requestId` is seen within the window, false for a replay. */
  admit(requestId: string, now = Date.now()): boolean {
    this.forgetBefore(now - 2 * this.windowMs);
    if (this.seen.has(requestId)) return false;
    // Bounded: past maxEntries the oldest ids are dropped; their signatures expire soon anyway.
    if (this.seen.size >= this.maxEntries) {
      const oldest = this.seen.keys().next().value;
      if (oldest !== undefined) this.seen.delete(oldest);
    }
    this.seen.set(requestId, now);
    return true;
  }

  private forgetBefore(cutoff: number): void {
    for (const [id, at] of this.seen) {
      if (at >= cutoff) return;
      this.seen.delete(id);
    }
  }
}
