import { RateLimited } from '@sx/core';

export interface HashingGateLimits {
  /** argon2 computations running at once (each holds 19 MiB and a core for tens of ms). */
  concurrency: number;
  /** How long a request waits for a free slot before it is refused. */
  maxWaitMs: number;
  /** How many requests may wait at once; more are refused at once. */
  maxQueue: number;
}

/**
 * A semaphore around every argon2 hash and verification: a burst of sign-ups or sign-ins waits
 * briefly for a slot, and beyond the queue or the wait gets RATE_LIMITED, so it can never take
 * all memory and CPU from the requests already running.
 */
export class HashingGate {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly limits: HashingGateLimits) {}

  async run<T>(work: () => Promise<T>): Promise<T> {
    await this.acquire();
    try {
      return await work();
    } finally {
      this.releaseSlot();
    }
  }

  private acquire(): Promise<void> {
    if (this.active < this.limits.concurrency) {
      this.active++;
      return Promise.resolve();
    }
    if (this.waiting.length >= this.limits.maxQueue) return Promise.reject(busy());
    return new Promise<void>((resolve, reject) => {
      const take = () => {
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        const index = this.waiting.indexOf(take);
        if (index >= 0) this.waiting.splice(index, 1);
        reject(busy());
      }, this.limits.maxWaitMs);
      this.waiting.push(take);
    });
  }

  /** Hands the slot straight to the next waiter, so `active` never drops below what runs. */
  private releaseSlot(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.active--;
  }
}

function busy(): RateLimited {
  return new RateLimited('PASSWORD_CHECKS_BUSY', 'Too many sign-ins and sign-ups are being checked right now; try again in a second.', 1);
}
