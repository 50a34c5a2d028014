import { JetStreamApiCodes, JetStreamApiError, jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import pg from 'pg';
import { eventually } from '@sx/testkit';

const SERVICES = ['users', 'tasks', 'bids', 'wallet', 'reviews', 'notifications', 'analytics', 'groups'] as const;

async function rows<T extends pg.QueryResultRow>(pool: pg.Pool, sql: string, params: unknown[] = []): Promise<T[]> {
  return (await pool.query<T>(sql, params)).rows;
}

/** Money invariants over the whole wallet: what the conservation test checks, over every account. */
export async function moneyViolations(pool: pg.Pool): Promise<Record<string, unknown[]>> {
  return {
    // Σ per currency = 0: money only moves between accounts (external ones are the outside world).
    unbalancedCurrencies: await rows(pool, `SELECT currency, sum(balance_minor)::text AS s FROM wallet.accounts GROUP BY currency HAVING sum(balance_minor) <> 0`),
    negativeBalances: await rows(pool, `SELECT id, kind, balance_minor::text FROM wallet.accounts WHERE kind <> 'external' AND balance_minor < 0`),
    // Each account's balance is the sum of its transfers (no write lost half-way).
    drift: await rows(
      pool,
      `SELECT a.id FROM wallet.accounts a
        WHERE a.balance_minor <> coalesce((SELECT sum(amount_minor) FROM wallet.transfers WHERE credit_account_id = a.id), 0)
                               - coalesce((SELECT sum(amount_minor) FROM wallet.transfers WHERE debit_account_id = a.id), 0)`,
    ),
    // Every escrow resolved once: released xor refunded, with the escrow account empty.
    escrowsNotResolvedOnce: await rows(
      pool,
      `SELECT p.id, p.status,
              (SELECT count(*) FROM wallet.transfers t WHERE t.payment_id = p.id AND t.kind = 'escrow_release')::int AS releases,
              (SELECT count(*) FROM wallet.transfers t WHERE t.payment_id = p.id AND t.kind = 'escrow_refund')::int AS refunds
         FROM wallet.payments p
        WHERE p.status <> 'HELD'
          AND ((SELECT count(*) FROM wallet.transfers t WHERE t.payment_id = p.id AND t.kind IN ('escrow_release', 'escrow_refund')) <> 1
               OR (SELECT coalesce(sum(balance_minor), 0) FROM wallet.accounts e WHERE e.kind = 'escrow' AND e.payment_id = p.id) <> 0)`,
    ),
  };
}

/** Per service: outbox rows not yet published, and dead letters (an event a consumer gave up on). */
export async function undelivered(pool: pg.Pool): Promise<Record<string, { unpublished: number; deadLetters: number; outbox: number }>> {
  const out: Record<string, { unpublished: number; deadLetters: number; outbox: number }> = {};
  for (const s of SERVICES) {
    const [counts] = await rows<{ outbox: number; unpublished: number; dead: number }>(
      pool,
      `SELECT (SELECT count(*) FROM ${s}.outbox)::int AS outbox,
              (SELECT count(*) FROM ${s}.outbox WHERE published_at IS NULL)::int AS unpublished,
              (SELECT count(*) FROM ${s}.dead_letters)::int AS dead`,
    );
    out[s] = { outbox: counts?.outbox ?? -1, unpublished: counts?.unpublished ?? -1, deadLetters: counts?.dead ?? -1 };
  }
  return out;
}

/** Per domain stream: messages held, and per durable consumer what is not yet delivered or acked. */
export async function streamState(natsUrl: string): Promise<Record<string, { messages: number; consumersBehind: number }>> {
  const nc = await connect({ servers: natsUrl, timeout: 5_000 });
  try {
    const jsm = await jetstreamManager(nc);
    const out: Record<string, { messages: number; consumersBehind: number }> = {};
    for (const s of SERVICES) {
      const info = await jsm.streams.info(s.toUpperCase()).catch((err: unknown) => {
        // A domain that has published nothing yet may have no stream: it then holds 0 messages,
        // and the check below requires its outbox to be empty too.
        if (err instanceof JetStreamApiError && err.code === JetStreamApiCodes.StreamNotFound) return null;
        throw err;
      });
      if (!info) {
        out[s] = { messages: 0, consumersBehind: 0 };
        continue;
      }
      let behind = 0;
      for await (const c of jsm.consumers.list(s.toUpperCase())) {
        // Durable consumers are the services'; a gateway's live feeds are ephemeral and die with it.
        if (c.config.durable_name) behind += c.num_pending + c.num_ack_pending;
      }
      out[s] = { messages: info.state.messages, consumersBehind: behind };
    }
    return out;
  } finally {
    await nc.close();
  }
}

/**
 * No event lost: every outbox row reached its stream exactly once (the relay's retries are
 * deduplicated by event id), every consumer has taken and acknowledged all of it, nothing dead-lettered.
 */
export async function waitForEventsSettled(pool: pg.Pool, natsUrl: string): Promise<void> {
  const read = async () => ({ db: await undelivered(pool), nats: await streamState(natsUrl) });
  const settled = (v: Awaited<ReturnType<typeof read>>) =>
    SERVICES.every((s) => v.db[s]?.unpublished === 0 && v.db[s]?.deadLetters === 0 && v.db[s]?.outbox === v.nats[s]?.messages && v.nats[s]?.consumersBehind === 0);
  await eventually(read, settled, { timeoutMs: 120_000, intervalMs: 1_000, what: 'every event published once and consumed' });
}

/** Transaction ids of `ids` that the wallet does not hold (acknowledged to a client, then lost). */
export async function missingTransfers(pool: pg.Pool, ids: readonly string[]): Promise<string[]> {
  const found = await rows<{ id: string }>(pool, `SELECT id::text FROM wallet.transfers WHERE id::text = ANY($1::text[])`, [ids]);
  const have = new Set(found.map((r) => r.id));
  return ids.filter((id) => !have.has(id));
}
