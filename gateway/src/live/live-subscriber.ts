import type { ExecutionResult } from 'graphql';
import type { Identity } from '@sx/core';
import type { ConnectionBudget } from './connection-budget.js';
import type { PreparedSubscription } from './selection.js';

/**
 * A payload on its way: the event's stream position and its (possibly shared) hydration,
 * already serialized — every subscriber of a group sends the same string; null when the viewer
 * may not see the event.
 */
export interface QueuedPayload {
  seq: number;
  payload: Promise<string | null>;
}

/** Where a subscription's payloads go: its graphql-ws id, its socket, and what it counts. */
export interface SubscriberOutlet {
  /** The client's subscription id, as graphql-ws knows it. */
  id: string;
  /** Writes one message; settles once the socket took it (or is already closed). */
  send: (message: string) => Promise<void>;
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
 */
export class LiveSubscriber implements AsyncIterableIterator<ExecutionResult> {
  readonly key: string;
  private readonly live: QueuedPayload[] = [];
  private readonly replayed: QueuedPayload[] = [];
  private replaying: boolean;
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

  private takeNext(): QueuedPayload | undefined {
    const replayed = this.replayed.shift();
    if (replayed || this.replaying) return replayed;
    const live = this.live.shift();
    if (live) this.budget.release();
    return live;
  }

  /** Writes what is queued, in order, one message at a time; one pump per subscriber runs. */
  private pump(): void {
    if (this.pumping || this.finished) return;
    this.pumping = true;
    void this.drain();
  }

  /** Never rejects: hydrations resolve (errors become payloads) and sends settle. */
  private async drain(): Promise<void> {
    try {
      for (let item = this.takeNext(); item && !this.finished; item = this.takeNext()) {
        const text = await item.payload;
        // Replay ends where live began, so a position is never delivered twice; this is the guard.
        if (text === null || item.seq <= this.lastSeq || this.finished) continue;
        this.lastSeq = item.seq;
        await this.outlet.send(`{"id":${JSON.stringify(this.outlet.id)},"type":"next","payload":${text}}`);
        this.outlet.onSent(this.field);
      }
    } finally {
      // In the same tick as the last empty takeNext(): an item queued after it starts a new drain.
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
