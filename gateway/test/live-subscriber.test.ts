import { describe, expect, it } from 'vitest';
import { bindingOf } from '../src/live/bindings.js';
import { ConnectionBudget } from '../src/live/connection-budget.js';
import { LiveSubscriber, type SubscriberOutlet } from '../src/live/live-subscriber.js';
import type { PreparedSubscription } from '../src/live/selection.js';
import { FANOUT_CHUNK, SharedPayload } from '../src/live/shared-payload.js';

// The subscriber reads only the binding and the arguments of its prepared subscription.
const prepared = { binding: bindingOf('taskEvents'), args: { taskId: 'task-1' } } as unknown as PreparedSubscription;
const viewer = { userId: 'user-1', roles: [], ip: null };

function deferred(): { promise: Promise<string | null>; resolve: (text: string | null) => void } {
  let resolve: (text: string | null) => void = () => undefined;
  const promise = new Promise<string | null>((r) => (resolve = r));
  return { promise, resolve };
}

/** An outlet that records what it was given; `takes` says whether the socket takes a write at once. */
function recordingOutlet(id: string, takes: () => boolean = () => true) {
  const written: string[] = [];
  const pending: (() => void)[] = [];
  const outlet: SubscriberOutlet = {
    id,
    write: (message, taken) => {
      written.push(message);
      if (takes()) return true;
      pending.push(taken);
      return false;
    },
    onSent: () => undefined,
  };
  return { outlet, written, pending };
}

const subscriber = (outlet: SubscriberOutlet, budget = new ConnectionBudget(256, () => undefined)) =>
  new LiveSubscriber(prepared, viewer, budget, outlet, () => undefined, null);
const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe('LiveSubscriber', () => {
  it('writes a shared payload to its waiting subscribers in one pass, yielding every FANOUT_CHUNK of them', async () => {
    const hydration = deferred();
    const payload = new SharedPayload(hydration.promise);
    const outlets = Array.from({ length: FANOUT_CHUNK * 2 + 10 }, (_, i) => recordingOutlet(`s${i}`));
    for (const { outlet } of outlets) subscriber(outlet).enqueue({ seq: 1, payload });
    expect(outlets.every((o) => o.written.length === 0)).toBe(true);

    hydration.resolve('{"data":{"taskEvents":{"id":"e1"}}}');
    await hydration.promise;
    const writtenNow = () => outlets.filter((o) => o.written.length === 1).length;
    // The first chunk is written in the turn the payload arrived; the rest after yielding.
    expect(writtenNow()).toBe(FANOUT_CHUNK);
    await nextTurn();
    expect(writtenNow()).toBe(FANOUT_CHUNK * 2);
    await nextTurn();
    expect(writtenNow()).toBe(outlets.length);
    expect(outlets[7]?.written).toEqual(['{"id":"s7","type":"next","payload":{"data":{"taskEvents":{"id":"e1"}}}}']);
  });

  it('writes ready payloads at once while the socket takes them, and waits for it when it does not', async () => {
    let takes = false;
    const { outlet, written, pending } = recordingOutlet('a', () => takes);
    const sub = subscriber(outlet);
    const ready = (text: string) => new SharedPayload(Promise.resolve(text));
    const items = [ready('1'), ready('2'), ready('3')];
    await Promise.resolve();
    items.forEach((payload, i) => sub.enqueue({ seq: i + 1, payload }));
    // The socket has not taken the first message: the others wait in the queue.
    expect(written).toEqual(['{"id":"a","type":"next","payload":1}']);
    takes = true;
    pending.shift()?.();
    expect(written).toHaveLength(3);
    expect(written[2]).toBe('{"id":"a","type":"next","payload":3}');
  });

  it('keeps stream order when a later payload is built first, and skips one the viewer may not see', async () => {
    const { outlet, written } = recordingOutlet('b');
    const budget = new ConnectionBudget(256, () => undefined);
    const sub = subscriber(outlet, budget);
    const first = deferred();
    const second = deferred();
    const third = deferred();
    sub.enqueue({ seq: 1, payload: new SharedPayload(first.promise) });
    sub.enqueue({ seq: 2, payload: new SharedPayload(second.promise) });
    sub.enqueue({ seq: 3, payload: new SharedPayload(third.promise) });
    third.resolve('3');
    second.resolve(null);
    await Promise.all([second.promise, third.promise]);
    expect(written).toEqual([]);
    expect(budget.size).toBe(3);
    first.resolve('1');
    await first.promise;
    expect(written.map((m) => m.slice(-2))).toEqual(['1}', '3}']);
    expect(budget.size).toBe(0);
  });
});
