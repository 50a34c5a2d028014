import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { moneySent, type EventEnvelope, type PayloadOf } from '@sx/events';
import { createPool } from '@sx/runtime';
import type { RunningStack } from '@sx/stack';
import {
  createFreshDatabase,
  deleteStreams,
  depositTo,
  dropDatabase,
  EventPublisher,
  eventually,
  gqlOk,
  launchOwnSubgraph,
  metricSample,
  openStackDb,
  scrapeMetrics,
  serviceMetric,
  type TestUser,
} from '@sx/testkit';
import { as, booksOf, household, netOf } from './group-api.js';

// What a wallet transfer costs groups. Nearly every send names no group: groups must learn that
// from the event alone, without a transaction. A transfer that does name one is still counted
// once, however often its event is delivered.

const CONSUMER = 'groups_from_wallet';

/** A wallet.money.sent payload with `note`, between two made-up users. */
function sent(note: string | null): PayloadOf<typeof moneySent> {
  const eur = (amountMinor: number) => ({ amountMinor, currency: 'EUR' });
  return { transactionId: randomUUID(), senderId: randomUUID(), recipientId: randomUUID(), senderWalletId: randomUUID(), recipientWalletId: randomUUID(), amount: eur(100), senderBalanceAfter: eur(0), recipientBalanceAfter: eur(100), note };
}

describe('groups and wallet transfers that name no group', () => {
  // A groups process of this file's own (own database and namespace): its counters move only for
  // the events published here. No outbox fallback poll: groups writes no events in this test.
  const namespace = `gw${randomUUID().slice(0, 8)}`;
  let databaseUrl = '';
  let groups: RunningStack | undefined;
  let publisher: EventPublisher;
  let metricsUrl = '';

  beforeAll(async () => {
    databaseUrl = await createFreshDatabase('sx_groups_wallet');
    groups = await launchOwnSubgraph('groups', { databaseUrl, namespace, env: { OUTBOX_POLL_MS: '60000' } });
    metricsUrl = groups.processes.get('groups')?.baseUrl ?? '';
    publisher = new EventPublisher({ namespace });
  }, 180_000);

  afterAll(async () => {
    await publisher?.close();
    await groups?.stop();
    await deleteStreams(namespace).catch(() => undefined);
    if (databaseUrl) await dropDatabase(databaseUrl);
  });

  let scrapes = 0;
  const counters = async () => {
    const text = await scrapeMetrics(metricsUrl);
    scrapes += 1;
    const handled = (outcome: string) => metricSample(text, 'sx_events_handled_total', [`consumer="${CONSUMER}"`, `outcome="${outcome}"`]) ?? 0;
    return { scrape: scrapes, statements: metricSample(text, 'sx_db_background_queries_total') ?? 0, handled: handled('handled'), unwanted: handled('unwanted') };
  };
  type Counters = Awaited<ReturnType<typeof counters>>;

  it('cost groups no statement, while one naming a share still opens its transaction', async () => {
    // The relay's first look at the outbox (lock, SELECT) happens once, in the background: wait for it.
    const own = createPool({ url: databaseUrl, max: 1 });
    try {
      await eventually(
        () => own.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND state = 'idle' AND query ILIKE '%from "groups"."outbox"%'`),
        (r) => r.rows[0]?.n === 1,
        { what: "the groups relay's first batch", timeoutMs: 60_000 },
      );
    } finally {
      await own.end();
    }
    // A share that does not exist: handled (BEGIN, inbox, look for the share, COMMIT), no effect.
    // It also warms the consumer and pool up, so the count below is of the events alone.
    await publisher.publish(moneySent, sent(`Dinner (share:${randomUUID()})`));
    await eventually(counters, (c) => c.handled === 1, { what: 'the share payment handled', timeoutMs: 60_000 });
    // Every /metrics scrape reads the outbox backlog (one statement): what a scrape costs is
    // measured on two scrapes with nothing else going on, and taken off each count below.
    const warm = await counters();
    const perScrape = (await counters()).statements - warm.statements;
    const work = (from: Counters, to: Counters) => to.statements - from.statements - perScrape * (to.scrape - from.scrape);

    await publisher.publish(moneySent, sent(null));
    await publisher.publish(moneySent, sent('Thanks for the pizza'));
    await publisher.publish(moneySent, sent('group:not-an-id'));
    const skipped = await eventually(counters, (c) => c.unwanted === 3, { what: 'three transfers acked as naming no group' });
    expect(work(warm, skipped)).toBe(0);
    expect(skipped.handled).toBe(1);

    await publisher.publish(moneySent, sent(`Dinner (share:${randomUUID()})`));
    const again = await eventually(counters, (c) => c.handled === 2, { what: 'the second share payment handled' });
    expect(work(skipped, again)).toBe(4);
  });
});

describe('a settle-up paid in the app', () => {
  it('counts once, even when the wallet event is delivered again', async () => {
    const { groupId, owner: olga, members } = await household('Settle once', 1);
    const [anna] = members as [TestUser];
    await gqlOk(`mutation($input: AddExpenseInput!) { addExpense(input: $input) { id } }`, { input: { groupId, description: 'Taxi', amount: { amount: 1000, currency: 'EUR' }, splitMethod: 'EQUAL', split: [{ userId: olga.id }, { userId: anna.id }] } }, as(olga));
    const note = (await booksOf(anna, groupId)).group.settleUp[0]?.paymentNote ?? '';
    expect(note).toContain(`group:${groupId}`);
    await depositTo(anna, 2_000, 'EUR');
    const pay = (amount: number) =>
      gqlOk<{ sendMoney: { transaction: { id: string } } }>(`mutation($input: SendMoneyInput!) { sendMoney(input: $input) { transaction { id } } }`, { input: { toUserId: olga.id, amount: { amount, currency: 'EUR' }, note, idempotencyKey: randomUUID() } }, as(anna));
    const transactionId = (await pay(500)).sendMoney.transaction.id;
    await eventually(() => booksOf(olga, groupId), (b) => netOf(b, anna.id) === 0 && netOf(b, olga.id) === 0, { what: 'the settle-up counted' });

    // The same event again, as JetStream would redeliver it (no Nats-Msg-Id: stored as a new message).
    const stack = openStackDb();
    try {
      const rows = await stack.db.execute<{ envelope: EventEnvelope }>(sql`SELECT envelope FROM wallet.outbox WHERE type = 'wallet.money.sent' AND envelope->'data'->>'transactionId' = ${transactionId}`);
      const envelope = rows.rows[0]?.envelope;
      if (!envelope) throw new Error(`no wallet.money.sent for ${transactionId}`);
      const duplicatesBefore = await serviceMetric('groups', 'sx_events_handled_total', [`consumer="${CONSUMER}"`, 'outcome="duplicate"']);
      const publisher = new EventPublisher();
      await publisher.send(envelope, { msgID: null }).finally(() => publisher.close());
      await eventually(() => serviceMetric('groups', 'sx_events_handled_total', [`consumer="${CONSUMER}"`, 'outcome="duplicate"']), (n) => n > duplicatesBefore, { what: 'the redelivery seen as a duplicate' });
    } finally {
      await stack.close();
    }
    // One more cent after it, from the same wallet (same lane, so handled after the redelivery):
    // a second count of the first payment would show as 500 more.
    await pay(1);
    const books = await eventually(() => booksOf(olga, groupId), (b) => netOf(b, anna.id) !== 0, { what: 'the extra cent counted' });
    expect([netOf(books, anna.id), netOf(books, olga.id)]).toEqual([1, -1]);
  });
});
