import type { ExecutionResult } from 'graphql';
import type { Identity } from '@sx/core';
import type { ConnectionBudget } from './connection-budget.js';
import type { PreparedSubscription } from './selection.js';

/** A payload on its way: the event's stream position and its (possibly shared) hydration. */
export interface QueuedPayload {
  seq: number;
  payload: Promise<ExecutionResult | null>;
}

/**
 * One client subscription: an async iterator graphql-ws pulls from. Payloads are queued in
 * stream order as events arrive (the hydrations run meanwhile, shared with other subscribers)
 * and handed out one by one as the socket takes them; events the viewer may not see resolve to
 * null and are skipped. Replayed events (resume) come first, then live ones.
 */
export class LiveSubscriber implements AsyncIterableIterator<ExecutionResult> {
  readonly key: string;
  private readonly live: QueuedPayload[] = [];
  private readonly replayed: QueuedPayload[] = [];
  private replaying: boolean;
  private wake: (() => void) | null = null;
  private finished = false;
  private lastSeq = 0;

  constructor(
    readonly prepared: PreparedSubscription,
    readonly identity: Identity & { userId: string },
    private readonly budget: ConnectionBudget,
    private readonly onClose: (sub: LiveSubscriber) => void,
    opts: { replaying: boolean },
  ) {
    this.key = prepared.binding.keyOf(prepared.args, identity.userId);
    this.replaying = opts.replaying;
  }

  get field(): string {
    return this.prepared.binding.field;
  }

  get closed(): boolean {
    return this.finished;
  }

  /** A live event's payload; refused (and the connection closed) when its queue is full. */
  enqueue(item: QueuedPayload): void {
    if (this.finished || !this.budget.take()) return;
    this.live.push(item);
    this.signal();
  }

  /** Replayed payloads, in order; the caller keeps this queue short before adding more. */
  enqueueReplayed(item: QueuedPayload): void {
    if (this.finished) return;
    this.replayed.push(item);
    this.signal();
  }

  get replayBacklog(): number {
    return this.replayed.length;
  }

  endReplay(): void {
    this.replaying = false;
    this.signal();
  }

  private signal(): void {
    const wake = this.wake;
    this.wake = null;
    wake?.();
  }

  private takeNext(): QueuedPayload | 'wait' {
    const replayed = this.replayed.shift();
    if (replayed) return replayed;
    if (this.replaying) return 'wait';
    const live = this.live.shift();
    if (!live) return 'wait';
    this.budget.release();
    return live;
  }

  async next(): Promise<IteratorResult<ExecutionResult>> {
    while (!this.finished) {
      const item = this.takeNext();
      if (item === 'wait') {
        await new Promise<void>((resolve) => (this.wake = resolve));
        continue;
      }
      const result = await item.payload;
      // Replay ends where live began, so a position is never delivered twice; this is the guard.
      if (!result || item.seq <= this.lastSeq || this.finished) continue;
      this.lastSeq = item.seq;
      return { value: result, done: false };
    }
    return { value: undefined, done: true };
  }

  async return(): Promise<IteratorResult<ExecutionResult>> {
    if (!this.finished) {
      this.finished = true;
      this.budget.release(this.live.length);
      this.live.length = 0;
      this.replayed.length = 0;
      this.onClose(this);
      this.signal();
    }
    return { value: undefined, done: true };
  }

  [Symbol.asyncIterator](): this {
    return this;
  }
}
