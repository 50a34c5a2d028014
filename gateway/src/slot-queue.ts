/** Gives a held slot back; calling it again does nothing, so a `finally` can always call it. */
export type ReleaseSlot = () => void;

/**
 * A fixed number of slots, handed out first come, first served. Waiters are bounded in time,
 * not in number: each gives up after its own `waitMs`, so the queue holds at most what arrives
 * within that window.
 */
export class SlotQueue {
  private free: number;
  // A Set keeps insertion order and removes a waiter that gave up in O(1).
  private readonly waiting = new Set<(release: ReleaseSlot) => void>();

  constructor(slots: number) {
    if (!Number.isInteger(slots) || slots < 1) throw new Error(`SlotQueue needs a whole number of slots ≥ 1, got ${slots}`);
    this.free = slots;
  }

  /** A slot's release, or null when none came free within `waitMs`. */
  acquire(waitMs: number): Promise<ReleaseSlot | null> {
    if (this.free > 0) {
      this.free -= 1;
      return Promise.resolve(this.grant());
    }
    return new Promise((resolve) => {
      const take = (release: ReleaseSlot) => {
        clearTimeout(timer);
        resolve(release);
      };
      const timer = setTimeout(() => {
        this.waiting.delete(take);
        resolve(null);
      }, waitMs);
      this.waiting.add(take);
    });
  }

  private grant(): ReleaseSlot {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.handOn();
    };
  }

  // The slot goes straight to the oldest waiter, never back to the pool first: a caller arriving
  // in between would otherwise overtake everyone who is waiting.
  private handOn(): void {
    const oldest = this.waiting.values().next();
    if (oldest.done) {
      this.free += 1;
      return;
    }
    this.waiting.delete(oldest.value);
    oldest.value(this.grant());
  }
}
