import type { ExecutionResult } from 'graphql';
import type { Identity } from '@sx/core';
import type { ConnectionBudget } from './connection-budget.js';
import type { PreparedSubscription } from './selection.js';
import type { PayloadWaiter, SharedPayload } from './shared-payload.js';

/**
 * A payload on its way: the event's stream position and its (possibly shared) hydration,
 * already serialized — every subscriber of a group sends the same string.
 */
export interface QueuedPayload {
  seq: number;
  payload: SharedPayload;
}

/** Where a subscription's payloads go: its graphql-ws id, its socket, and what it counts. */
export interface SubscriberOutlet {
  /** The client's subscription id, as graphql-ws knows it. */
  id: string;
  /**
   * Writes one message. True when the socket took it at once; otherwise false, and `taken` is
   * called once it has (or the socket closed).
   */
  write: (message: string, taken: () => void) => boolean;
  /** Called once per payload sent, with the subscription's root field (metrics). */
  onSent: (field: string) => void;
}

/**
 * One client subscription. Payloads are queued in stream order as events arrive (the
 * hydrations run meanwhile, shared with other subscribers) and written to the socket one by
 * one, each after the previous one was taken; events the viewer may not see are skipped.
 * Replayed events (resume) come first, then live ones.
 *
 * It writes graphql-ws `next` messages itself, from the group's serialized payload, instead of
 * yielding results for graphql-ws to serialize once per socket: one JSON.stringify per
 * (event, selection, viewer scope), not per subscriber, and an idle subscription holds no
 * suspended async frame (docs/performance.md). To graphql-ws it is an async iterator that
 * yields nothing and ends when the subscription does.
 *
 * Writing is synchronous: a subscriber whose next payload is not built yet waits on it
 * (shared-payload.ts wakes the whole group at once), one whose socket has not taken its last
 * message waits for the socket; otherwise it writes at once, without a promise per message.
 */
export class LiveSubscriber implements AsyncIterableIterator<ExecutionResult>, PayloadWaiter {
  readonly key: string;
  private readonly live: QueuedPayload[] = [];
  private readonly replayed: QueuedPayload[] = [];
  private replaying: boolean;
  /** What the queue waits for: its head's payload, or the socket to take the last message. */
  private blocked: 'payload' | 'socket' | null = null;
  private pumping = false;
  private finished = false;
  private lastSeq: number;
  /** Resolves graphql-ws's one pending next() when the subscription ends. */
  private ended: ((result: IteratorResult<ExecutionResult>) => void) | null = null;

  constructor(
    readonly prepared: PreparedSubscription,
    readonly identity: Identity & { userId: string },
    private readonly budget: ConnectionBudget,
    private readonly outlet: SubscriberOutlet,
    private readonly onClose: (sub: LiveSubscriber) => void,
    /** The position the client resumes after (its cursor), or null for a new subscription. */
    after: number | null,
  ) {
    this.key = prepared.binding.keyOf(prepared.args, identity.userId);
    this.replaying = after !== null;
    // A gateway whose feed is behind the one the client left may still hand out positions the
    // client has: never send one at or before its cursor.
    this.lastSeq = after ?? 0;
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
    this.pump();
  }

  /** Replayed payloads, in order; the caller keeps this queue short before adding more. */
  enqueueReplayed(item: QueuedPayload): void {
    if (this.finished) return;
    this.replayed.push(item);
    this.pump();
  }

  get replayBacklog(): number {
    return this.replayed.length;
  }

  endReplay(): void {
    this.replaying = false;
    this.pump();
  }

  /** The payload it waited for is ready (SharedPayload), or the socket took the last message. */
  wake(): void {
    this.blocked = null;
    this.pump();
  }

  /** The queue that goes next: replayed payloads, and live ones only once the replay is done. */
  private nextQueue(): QueuedPayload[] | null {
    if (this.replayed.length > 0) return this.replayed;
    return this.replaying || this.live.length === 0 ? null : this.live;
  }

  /** Writes what is queued and ready, in order, until the queue is empty or has to wait. */
  private pump(): void {
    if (this.pumping || this.blocked || this.finished) return;
    // A write never calls back synchronously, but a wake during the loop must not start a second one.
    this.pumping = true;
    try {
      for (let queue = this.nextQueue(); queue && !this.finished; queue = this.nextQueue()) {
        const item = queue[0] as QueuedPayload;
        if (!item.payload.ready) {
          this.blocked = 'payload';
          item.payload.whenReady(this);
          return;
        }
        queue.shift();
        if (queue === this.live) this.budget.release();
        const text = item.payload.text;
        // Replay ends where live began, so a position is never delivered twice; this is the guard.
        if (text === null || item.seq <= this.lastSeq) continue;
        this.lastSeq = item.seq;
        const takenAtOnce = this.outlet.write(`{"id":${JSON.stringify(this.outlet.id)},"type":"next","payload":${text}}`, () => this.wake());
        this.outlet.onSent(this.field);
        if (!takenAtOnce) {
          this.blocked = 'socket';
          return;
        }
      }
    } finally {
      this.pumping = false;
    }
  }

  /** graphql-ws pulls here; nothing is yielded, the one pull ends with the subscription. */
  next(): Promise<IteratorResult<ExecutionResult>> {
    if (this.finished) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => (this.ended = resolve));
  }

  async return(): Promise<IteratorResult<ExecutionResult>> {
    if (!this.finished) {
      this.finished = true;
      this.budget.release(this.live.length);
      this.live.length = 0;
      this.replayed.length = 0;
      this.onClose(this);
      this.ended?.({ value: undefined, done: true });
      this.ended = null;
    }
    return { value: undefined, done: true };
  }

  [Symbol.asyncIterator](): this {
    return this;
  }
}
