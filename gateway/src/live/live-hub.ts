import { GraphQLError, type ExecutionResult } from 'graphql';
import type { Logger } from '@sx/runtime';
import { ANONYMOUS, type Identity } from '@sx/core';
import { LIVE_BINDINGS, type LiveBinding, type LiveEvent } from './bindings.js';
import type { ConnectionBudget } from './connection-budget.js';
import { decodeCursor } from './cursor.js';
import type { LiveEventFeed } from './event-feed.js';
import type { LiveMetrics } from './live-metrics.js';
import { LiveSubscriber, type SubscriberOutlet } from './live-subscriber.js';
import type { PreparedSubscription } from './selection.js';
import { SharedPayload } from './shared-payload.js';

/** Builds one payload: the prepared query for one event, asked as one viewer. */
export type Hydrate = (prepared: PreparedSubscription, identity: Identity, event: LiveEvent) => Promise<ExecutionResult | null>;

/** Subscribers that share one hydration of an event: one selection, one viewer scope. */
interface Group {
  identity: Identity;
  prepared: PreparedSubscription;
  subs: LiveSubscriber[];
}

const PUBLIC_SCOPE = '-';

/**
 * The event's subscribers grouped by (selection, viewer scope). Runs once per subscriber per
 * event, so it builds no strings for the public scope: a thousand watchers of one task cost a
 * thousand map lookups on keys already hashed, not a thousand concatenations.
 */
function groupsFor(binding: LiveBinding, event: LiveEvent, byKey: ReadonlyMap<string, Set<LiveSubscriber>>): Group[] {
  const bySelection = new Map<string, Map<string, Group>>();
  const groups: Group[] = [];
  for (const key of binding.keysOfEvent(event)) {
    for (const sub of byKey.get(key) ?? []) {
      const scope = binding.scopeFor(event, sub.identity.userId);
      if (!scope) continue;
      const identity = scope === 'self' ? sub.identity : ANONYMOUS;
      const scopeKey = scope === 'self' ? `${identity.userId}|${identity.roles.join(',')}` : PUBLIC_SCOPE;
      const byScope = bySelection.get(sub.prepared.selectionKey) ?? new Map<string, Group>();
      bySelection.set(sub.prepared.selectionKey, byScope);
      let group = byScope.get(scopeKey);
      if (!group) {
        group = { identity, prepared: sub.prepared, subs: [] };
        byScope.set(scopeKey, group);
        groups.push(group);
      }
      group.subs.push(sub);
    }
  }
  return groups;
}

/** How many replayed payloads one resuming subscriber builds at once. */
const REPLAY_CONCURRENCY = 8;

/**
 * The subscriptions of one gateway instance, indexed by root field and routing key (a task id,
 * or the viewer for paymentEvents). For each event it groups the interested subscribers by
 * (selection, viewer scope) and runs one hydration per group, shared by the whole group.
 */
export class LiveHub {
  private readonly byField = new Map<string, Map<string, Set<LiveSubscriber>>>();

  constructor(
    private readonly opts: { feed: LiveEventFeed; hydrate: Hydrate; metrics: LiveMetrics; log: Logger },
  ) {}

  /** Registers a subscription; with a cursor, replays what it missed before its live events. */
  async subscribe(
    prepared: PreparedSubscription,
    identity: Identity & { userId: string },
    budget: ConnectionBudget,
    outlet: SubscriberOutlet,
  ): Promise<LiveSubscriber | ExecutionResult> {
    const { domain } = prepared.binding;
    const after = prepared.args['after'];
    let afterSeq: number | null = null;
    try {
      if (typeof after === 'string') afterSeq = decodeCursor(after, domain);
    } catch (err) {
      return { errors: [err as GraphQLError] };
    }
    await this.opts.feed.ready();
    const sub = new LiveSubscriber(prepared, identity, budget, outlet, (s) => this.remove(s), afterSeq);
    this.add(sub);
    // Read in the same tick as add(): every later event reaches the subscriber live, every
    // earlier one (after the cursor) comes from the replay. Nothing falls between the two.
    const until = this.opts.feed.lastSeq(domain);
    if (afterSeq !== null) void this.replay(sub, afterSeq + 1, until);
    return sub;
  }

  dispatch(domain: string, event: LiveEvent): void {
    this.opts.metrics.events.inc({ domain });
    for (const binding of LIVE_BINDINGS) {
      if (binding.domain !== domain) continue;
      const byKey = this.byField.get(binding.field);
      if (!byKey) continue;
      for (const group of groupsFor(binding, event, byKey)) {
        const item = { seq: event.seq, payload: new SharedPayload(this.hydrate(group.prepared, group.identity, event)) };
        for (const sub of group.subs) sub.enqueue(item);
      }
    }
  }

  /** Active subscriptions, for metrics and tests. */
  count(field?: string): number {
    let n = 0;
    for (const [f, byKey] of this.byField) if (!field || f === field) for (const subs of byKey.values()) n += subs.size;
    return n;
  }

  /**
   * One payload, serialized once for every subscriber it goes to (GraphQLError's toJSON gives
   * the same shape graphql-ws would send); null when the viewer may not see the event.
   */
  private hydrate(prepared: PreparedSubscription, identity: Identity, event: LiveEvent): Promise<string | null> {
    this.opts.metrics.hydrations.inc({ field: prepared.binding.field });
    return this.opts.hydrate(prepared, identity, event).then(
      (result) => (result ? JSON.stringify(result) : null),
      (err: unknown) => {
        this.opts.log.error({ err, eventId: event.id, field: prepared.binding.field }, 'could not build a live payload');
        const error = new GraphQLError('This event could not be loaded; it is skipped.', { extensions: { code: 'INTERNAL_SERVER_ERROR' } });
        return JSON.stringify({ errors: [error] });
      },
    );
  }

  private async replay(sub: LiveSubscriber, fromSeq: number, untilSeq: number): Promise<void> {
    const { binding } = sub.prepared;
    const inFlight: Promise<unknown>[] = [];
    try {
      for await (const event of this.opts.feed.replay(binding.domain, fromSeq, untilSeq, () => !sub.closed)) {
        if (sub.closed) break;
        if (!binding.keysOfEvent(event).includes(sub.key)) continue;
        const scope = binding.scopeFor(event, sub.identity.userId);
        if (!scope) continue;
        if (inFlight.length >= REPLAY_CONCURRENCY) await inFlight.shift();
        const payload = this.hydrate(sub.prepared, scope === 'self' ? sub.identity : ANONYMOUS, event);
        inFlight.push(payload);
        sub.enqueueReplayed({ seq: event.seq, payload: new SharedPayload(payload) });
      }
    } catch (err) {
      this.opts.log.error({ err, field: binding.field }, 'replay for a resuming subscriber failed');
    } finally {
      sub.endReplay();
    }
  }

  private add(sub: LiveSubscriber): void {
    const byKey = this.byField.get(sub.field) ?? new Map<string, Set<LiveSubscriber>>();
    this.byField.set(sub.field, byKey);
    const subs = byKey.get(sub.key) ?? new Set<LiveSubscriber>();
    byKey.set(sub.key, subs);
    subs.add(sub);
    this.opts.metrics.subscriptions.inc({ field: sub.field });
  }

  private remove(sub: LiveSubscriber): void {
    const byKey = this.byField.get(sub.field);
    const subs = byKey?.get(sub.key);
    if (!subs?.delete(sub)) return;
    if (subs.size === 0) byKey?.delete(sub.key);
    this.opts.metrics.subscriptions.dec({ field: sub.field });
  }
}
