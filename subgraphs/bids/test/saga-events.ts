import { and, eq } from 'drizzle-orm';
import type { Db } from '@sx/runtime';
import { scrapeMetrics, stackInfo } from '@sx/testkit';
import { inbox } from '../src/db/tables.js';

/** Whether bids' consumer has committed the event (with or without effect). */
export async function handled(db: Db, consumer: 'bids_from_tasks' | 'bids_from_wallet', eventId: string): Promise<boolean> {
  const rows = await db.select({ id: inbox.eventId }).from(inbox).where(and(eq(inbox.consumer, consumer), eq(inbox.eventId, eventId)));
  return rows.length === 1;
}

/** How many events of `consumer` have failed so far (each failure is retried with backoff). */
export async function failedHandlings(consumer: string): Promise<number> {
  const base = stackInfo().services.bids;
  const text = await scrapeMetrics(base ?? '');
  const line = text.split('\n').find((l) => l.startsWith('sx_events_handled_total{') && l.includes(`consumer="${consumer}"`) && l.includes('outcome="failed"'));
  return line ? Number(line.split(' ').at(-1)) : 0;
}
