import type { RunningStack } from '@sx/stack';
import { metricsText } from '../process-metrics.js';

/**
 * Where acceptBid → ASSIGNED spends its time, hop by hop, from the services' own histograms:
 * `sx_outbox_relay_lag_seconds` (event written → published to JetStream, per writing service) and
 * `sx_saga_step_seconds` (event written → its consumer committed the step). A step's time less
 * its writer's relay lag is NATS delivery, the consumer's queue and the handler's transaction.
 */
const HOPS = [
  { writer: 'bids', type: 'bids.bid.accept_requested', consumer: 'wallet' },
  { writer: 'wallet', type: 'wallet.escrow.held', consumer: 'tasks' },
  { writer: 'tasks', type: 'tasks.task.assigned', consumer: 'bids' },
] as const;

type Sums = Map<string, { sum: number; count: number }>;

function histogram(text: string, metric: string, match: (labels: string) => boolean): { sum: number; count: number } {
  let sum = 0;
  let count = 0;
  for (const line of text.split('\n')) {
    const isSum = line.startsWith(`${metric}_sum`);
    if (!isSum && !line.startsWith(`${metric}_count`)) continue;
    const labels = line.slice(line.indexOf('{') + 1, line.lastIndexOf('}'));
    if (!match(labels)) continue;
    const value = Number(line.slice(line.lastIndexOf(' ') + 1));
    if (isSum) sum += value;
    else count += value;
  }
  return { sum, count };
}

export async function snapshotHops(stack: RunningStack): Promise<Sums> {
  const out: Sums = new Map();
  for (const hop of HOPS) {
    const writer = stack.processes.get(hop.writer);
    const consumer = stack.processes.get(hop.consumer);
    if (!writer || !consumer) continue;
    const writerText = await metricsText(writer.baseUrl, stack.secrets.metricsToken);
    const consumerText = await metricsText(consumer.baseUrl, stack.secrets.metricsToken);
    out.set(`relay ${hop.writer}`, histogram(writerText, 'sx_outbox_relay_lag_seconds', () => true));
    out.set(`step ${hop.type}`, histogram(consumerText, 'sx_saga_step_seconds', (l) => l.includes(`type="${hop.type}"`) && l.includes(`consumer="${hop.consumer}`)));
  }
  return out;
}

/** Mean ms per hop between two snapshots: "bids.bid.accept_requested → wallet: 41 (relay 12)". */
export function hopMeans(before: Sums, after: Sums): string {
  const mean = (key: string) => {
    const a = after.get(key);
    const b = before.get(key) ?? { sum: 0, count: 0 };
    if (!a || a.count === b.count) return NaN;
    return ((a.sum - b.sum) / (a.count - b.count)) * 1000;
  };
  return HOPS.map((h) => `${h.type} → ${h.consumer} ${mean(`step ${h.type}`).toFixed(0)} (relay ${mean(`relay ${h.writer}`).toFixed(0)})`).join(' · ');
}
