import type { WebSocket } from 'ws';

/**
 * Closes sockets when their access token expires, with one timer for all of them instead of a
 * timer per socket (docs/performance.md, idle subscriptions): sockets are kept in buckets by
 * their token's `exp` second, and each tick closes the buckets whose second has passed.
 */
export class TokenExpiry {
  private readonly bySecond = new Map<number, Set<WebSocket>>();
  private lastTick = Math.floor(Date.now() / 1000);
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly onExpired: (socket: WebSocket) => void) {
    this.timer = setInterval(() => this.tick(), 1_000);
    this.timer.unref();
  }

  /** Watches a socket whose token expires at `exp` (seconds since the epoch, as in the JWT). */
  watch(socket: WebSocket, exp: number): void {
    const bucket = this.bySecond.get(exp) ?? new Set<WebSocket>();
    bucket.add(socket);
    this.bySecond.set(exp, bucket);
  }

  forget(socket: WebSocket, exp: number): void {
    const bucket = this.bySecond.get(exp);
    if (!bucket?.delete(socket)) return;
    if (bucket.size === 0) this.bySecond.delete(exp);
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private tick(): void {
    const now = Math.floor(Date.now() / 1000);
    // A token is valid up to its exp second; the seconds since the last tick have all passed.
    for (let second = this.lastTick; second < now; second += 1) {
      const bucket = this.bySecond.get(second);
      if (!bucket) continue;
      this.bySecond.delete(second);
      for (const socket of bucket) this.onExpired(socket);
    }
    this.lastTick = now;
  }
}
