import type { JetStreamClient } from '@nats-io/jetstream';
import type pg from 'pg';
import { subjectOf } from './streams.js';

export interface ReplayRange {
  /** The service whose outbox (`<service>.outbox`) is replayed. */
  service: string;
  fromSeq: number;
  /** Inclusive; absent = to the newest row. */
  toSeq?: number;
  namespace: string;
  /** Rows read per query. */
  batchSize?: number;
}

/**
 * Republishes a range of an outbox, published rows included, in seq order with the original
 * event ids as Nats-Msg-Id. Postgres is the source of truth: after NATS loses its store this
 * rebuilds the streams; while the store is intact JetStream's dedup window and the consumers'
 * inboxes make a replay harmless.
 */
export async function replayOutbox(pool: pg.Pool, js: JetStreamClient, range: ReplayRange): Promise<{ republished: number; duplicates: number }> {
  const batchSize = range.batchSize ?? 500;
  const table = `"${range.service.replaceAll('"', '')}"."outbox"`;
  let next = range.fromSeq;
  let republished = 0;
  let duplicates = 0;
  for (;;) {
    const { rows } = await pool.query<{ seq: string; id: string; type: string; envelope: unknown }>(
      `SELECT seq, id, type, envelope FROM ${table} WHERE seq >= $1 AND ($2::bigint IS NULL OR seq <= $2) ORDER BY seq LIMIT $3`,
      [next, range.toSeq ?? null, batchSize],
    );
    if (rows.length === 0) break;
    const acks = await Promise.all(
      rows.map((row) => js.publish(subjectOf(row.type, range.namespace), JSON.stringify(row.envelope), { msgID: row.id })),
    );
    for (const ack of acks) (ack.duplicate ? duplicates++ : republished++);
    await pool.query(`UPDATE ${table} SET published_at = coalesce(published_at, now()) WHERE seq = ANY($1::bigint[])`, [
      rows.map((r) => r.seq),
    ]);
    next = Number(rows.at(-1)?.seq ?? next) + 1;
  }
  return { republished, duplicates };
}
