/**
 * The live bench's subscribers: one socket per user, each with one subscription; deliveries are
 * recorded by event id with the time they arrived.
 */
import { openLiveSockets, type Delivery, type LiveSockets } from '../live-sockets.js';

const PAYMENTS = 'subscription PaymentFeed { paymentEvents { id kind occurredAt } }';
const TASK = 'subscription TaskFeed($taskId: ID!) { taskEvents(taskId: $taskId) { id kind task { id title } } }';
const OPENING_AT_ONCE = 50;

export interface Subscribers {
  received: () => number;
  /** Arrival times of an event's deliveries, ms since the epoch (comparable with other processes). */
  arrivals: (eventId: string) => number[];
  /** Every event's arrivals, to send to another process. */
  entries: () => [string, number[]][];
  problems: () => string[];
  close: () => Promise<void>;
}

function eventIdOf(payload: unknown): string | undefined {
  const data = (payload as { data?: Record<string, { id?: string } | null> } | undefined)?.data;
  return data?.['paymentEvents']?.id ?? data?.['taskEvents']?.id;
}

/** Users 1..users watch their own payments; users users+1..users+watchers watch the task. */
export async function openSubscribers(opts: { url: string; users: number; watchers: number; taskId: string; tokenOf: (user: number) => string }): Promise<Subscribers> {
  const arrivals = new Map<string, number[]>();
  let received = 0;
  const onNext = (delivery: Delivery) => {
    const id = eventIdOf(delivery.payload);
    if (!id) return;
    received += 1;
    const list = arrivals.get(id) ?? [];
    list.push(performance.timeOrigin + delivery.receivedAt);
    arrivals.set(id, list);
  };
  const open = (user: number) => {
    const watcher = user > opts.users;
    return openLiveSockets({
      url: opts.url,
      token: opts.tokenOf(user),
      sockets: 1,
      perSocket: 1,
      query: watcher ? TASK : PAYMENTS,
      variables: watcher ? { taskId: opts.taskId } : {},
      operationName: watcher ? 'TaskFeed' : 'PaymentFeed',
      onNext,
    });
  };
  const sockets: LiveSockets[] = [];
  const total = opts.users + opts.watchers;
  for (let first = 1; first <= total; first += OPENING_AT_ONCE) {
    const batch = Array.from({ length: Math.min(OPENING_AT_ONCE, total - first + 1) }, (_, i) => open(first + i));
    sockets.push(...(await Promise.all(batch)));
  }
  return {
    received: () => received,
    arrivals: (eventId) => arrivals.get(eventId) ?? [],
    entries: () => [...arrivals],
    problems: () => sockets.flatMap((s) => s.problems),
    close: async () => {
      await Promise.all(sockets.map((s) => s.closeAll()));
    },
  };
}
