/**
 * The bounded queue of one connection: payloads waiting to be written to its socket, over all
 * its subscriptions. A client that stops reading fills it, and is closed instead of making the
 * gateway buffer without end; other connections never wait for it.
 */
export class ConnectionBudget {
  private pending = 0;
  private overflowed = false;

  constructor(
    private readonly max: number,
    private readonly onOverflow: () => void,
  ) {}

  /** Takes a slot for one payload; false (and the connection is being closed) when full. */
  take(): boolean {
    if (this.overflowed) return false;
    if (this.pending >= this.max) {
      this.overflowed = true;
      this.onOverflow();
      return false;
    }
    this.pending++;
    return true;
  }

  release(count = 1): void {
    this.pending = Math.max(0, this.pending - count);
  }

  get size(): number {
    return this.pending;
  }
}
