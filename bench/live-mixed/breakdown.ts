/**
 * Where a delivery's latency goes, as far as the bench can see it from outside: payment events
 * (one delivery each) apart from task events (one per watcher), and for a task event the time
 * to its first and its last delivery — a late first delivery is upstream (relay, JetStream,
 * hydration), a wide spread is the fan-out (the gateway's writes or the receivers' reads).
 */
import { percentile } from '../report.js';
import type { SentEvent } from './events.js';

const ms = (v: number) => (Number.isFinite(v) ? v.toFixed(0) : '–');
const triple = (sorted: readonly number[]) => `${ms(percentile(sorted, 0.5))} / ${ms(percentile(sorted, 0.99))} / ${ms(sorted[sorted.length - 1] ?? NaN)}`;
const sorted = (values: number[]) => values.sort((a, b) => a - b);

export function latencyBreakdown(sent: readonly SentEvent[], arrivals: (eventId: string) => readonly number[]): [string, string][] {
  const payments: number[] = [];
  const taskAll: number[] = [];
  const taskFirst: number[] = [];
  const taskLast: number[] = [];
  for (const event of sent) {
    const times = arrivals(event.id);
    if (event.kind === 'payment') {
      for (const at of times) payments.push(at - event.sentAt);
      continue;
    }
    if (times.length === 0) continue;
    let first = Infinity;
    let last = -Infinity;
    for (const at of times) {
      taskAll.push(at - event.sentAt);
      first = Math.min(first, at);
      last = Math.max(last, at);
    }
    taskFirst.push(first - event.sentAt);
    taskLast.push(last - event.sentAt);
  }
  return [
    ['payment deliveries p50 / p99 / max (ms)', triple(sorted(payments))],
    ['task-event deliveries p50 / p99 / max (ms)', triple(sorted(taskAll))],
    ['task event → first watcher p50 / p99 / max (ms)', triple(sorted(taskFirst))],
    ['task event → last watcher p50 / p99 / max (ms)', triple(sorted(taskLast))],
  ];
}
