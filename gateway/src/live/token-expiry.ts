import type { WebSocket } from 'ws';
import { clockNow } from '@sx/runtime';

/**
 * Closes sockets when their access token expires, with one timer for all of them instead of a
 * timer per socket (docs/performance.md, idle subscriptions): sockets are kept in buckets by
 * their token's `exp` second, and each tick closes the buckets whose second has passed.
 */
export class TokenExpiry {
  private readonly bySecond = new Map<number, Set<WebSocket>>();
  /** The first second the next tick closes; every earlier one is done. */
  private nextSecond = Math.floor(clockNow() / 1000);
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly onExpired: (socket: WebSocket) => void) {
    this.timer = setInterval(() => this.tick(), 1_000);
    this.timer.unref();
  }

  /** Watches a socket whose token expires at `exp` (seconds since the epoch, as in the JWT). */
  watch(socket: WebSocket, exp: number): void {
    // A second already ticked past (the token expired while it was being checked) goes to the next tick.
    const second = Math.max(exp, this.nextSecond);
    const bucket = this.bySecond.get(second) ?? new Set<WebSocket>();
    bucket.add(socket);
    this.bySecond.set(second, bucket);
  }

  forget(socket: WebSocket, exp: number): void {
    for (const second of [exp, this.nextSecond]) {
      const bucket = this.bySecond.get(second);
      if (!bucket?.delete(socket)) continue;
      if (bucket.size === 0) this.bySecond.delete(second);
      return;
    }
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private tick(): void {
    const now = Math.floor(clockNow() / 1000);
    // A token is expired from its exp second on (as the access-token check has it).
    for (let second = this.nextSecond; second <= now; second += 1) {
      const bucket = this.bySecond.get(second);
      if (!bucket) continue;
      this.bySecond.delete(second);
      for (const socket of bucket) this.onExpired(socket);
    }
    this.nextSecond = now + 1;
  }
}
