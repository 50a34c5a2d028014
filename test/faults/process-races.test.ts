import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, createPool, type Db } from '@sx/runtime';
import { eventually, EventPublisher, scrapeMetrics } from '@sx/testkit';
import { taskState } from '../../subgraphs/bids/test/seed.js';
import { accountsNotMatchingTransfers, escrowsOutOfStep, unbalancedCurrencies } from '../../subgraphs/wallet/test/books.js';
import { acceptRequest, handledByWallet, paymentWithStatus, sagaEvents, transfersOfPayment } from '../../subgraphs/wallet/test/saga-events.js';
import { callAs, GatewayClient, signUp, untilFinal, type Session } from './bank-client.js';
import { FaultStack } from './fault-stack.js';

// Races between real processes: two wallet instances pulling from the same durable consumers,
// two bids instances behind two gateways. The in-process tests race transactions in one
// process; here the contenders are separate processes, as in a scaled-out deployment.
let stack: FaultStack;
let pool: ReturnType<typeof createPool>;
let db: Db;
let publisher: EventPublisher;

beforeAll(async () => {
  stack = await FaultStack.start({ doubled: ['wallet', 'bids', 'gateway'] });
  pool = createPool({ url: stack.postgres.adminUrl, max: 2 });
  db = createDb(pool);
  publisher = new EventPublisher({ natsUrl: stack.nats.url, namespace: '' });
}, 300_000);

afterAll(async () => {
  await publisher?.close();
  await pool?.end();
  await stack?.stop();
}, 120_000);

const deadline = () => Date.now() + 60_000;

async function depositAs(client: GatewayClient, user: Session, amountMinor: number): Promise<void> {
  const input = { amount: { amount: amountMinor, currency: 'USD' }, idempotencyKey: crypto.randomUUID() };
  const outcome = await untilFinal(() => callAs(client, user, `mutation($input: DepositInput!) { deposit(input: $input) { transaction { id } } }`, { input }), deadline());
  expect(outcome.kind).toBe('ok');
}

/** sx_events_handled_total of one instance for one consumer (its /metrics). */
async function handledBy(instance: string, consumer: string): Promise<number> {
  const text = await scrapeMetrics(stack.process(instance).baseUrl, stack.secrets.metricsToken);
  return text
    .split('\n')
    .filter((line) => line.startsWith('sx_events_handled_total{') && line.includes(`consumer="${consumer}"`))
    .reduce((sum, line) => sum + Number(line.split(' ').pop()), 0);
}

describe('two wallet processes on one durable consumer', () => {
  it('let exactly one of a release and a refund of each hold move money, and conserve it', async () => {
    const client = new GatewayClient(stack.gatewayUrls);
    const [poster, tasker] = [await signUp(client, 'Race Poster'), await signUp(client, 'Race Tasker')];
    await depositAs(client, poster, 50_000);
    const events = sagaEvents(publisher);
    const requests = Array.from({ length: 12 }, () => acceptRequest(poster.id, tasker.id, { amount: 1_000, currency: 'USD' }));
    await Promise.all(requests.map((r) => events.requestAccept(r)));
    const held = await Promise.all(requests.map((r) => paymentWithStatus(db, r.taskId, 'HELD')));
    const before = await Promise.all(['wallet', 'wallet-2'].map((w) => handledBy(w, 'wallet_from_tasks')));

    // Every completion and cancellation at once: both processes pull from wallet_from_tasks.
    const published = await Promise.all(held.flatMap((p) => [events.completeTask(p), events.cancelTask(p, 'ASSIGNED')]));
    await handledByWallet(db, 'wallet_from_tasks', published.map((e) => e.id));

    const after = await Promise.all(['wallet', 'wallet-2'].map((w) => handledBy(w, 'wallet_from_tasks')));
    expect(after.map((n, i) => n - (before[i] ?? 0)).every((n) => n > 0), `both instances handled events: ${before} → ${after}`).toBe(true);
    let released = 0;
    for (const payment of held) {
      const kinds = (await transfersOfPayment(db, payment.id)).map((t) => t.kind);
      expect([['escrow_hold', 'escrow_release', 'fee'], ['escrow_hold', 'escrow_refund']]).toContainEqual(kinds);
      if (kinds.includes('escrow_release')) released += 1;
    }
    const [posterWallet] = (await db.execute<{ balance: string }>(sql`SELECT balance_minor::text AS balance FROM wallet.accounts WHERE owner_id = ${poster.id}`)).rows;
    const [taskerWallet] = (await db.execute<{ balance: string }>(sql`SELECT balance_minor::text AS balance FROM wallet.accounts WHERE owner_id = ${tasker.id}`)).rows;
    // Conservation: each release pays 900 to the tasker and 100 to the platform; a refund pays back 1,000.
    expect([Number(posterWallet?.balance), Number(taskerWallet?.balance ?? 0)]).toEqual([50_000 - released * 1_000, released * 900]);
    expect(await unbalancedCurrencies(db)).toEqual([]);
    expect(await accountsNotMatchingTransfers(db)).toEqual([]);
    expect(await escrowsOutOfStep(db)).toEqual([]);
  });
});

type TaskBids = { task: { status: string; assignee: { id: string } | null; bids: { edges: { node: { id: string; status: string } }[] } } };

describe('two bids processes behind two gateways', () => {
  it('let one of ten simultaneous accepts of one task through at a time, and hold exactly once', async () => {
    const [poster, ...taskers] = await Promise.all(Array.from({ length: 11 }, (_, i) => signUp(new GatewayClient(stack.gatewayUrls), `Accept Race ${i}`)));
    if (!poster) throw new Error('no poster');
    // Money for exactly one of the bids: the first hold wins, any later one would be declined.
    await depositAs(new GatewayClient(stack.gatewayUrls), poster, 1_500);
    const posted = await untilFinal(
      () => callAs<{ postTask: { id: string } }>(new GatewayClient(stack.gatewayUrls), poster, `mutation($input: PostTaskInput!) { postTask(input: $input) { id } }`, {
        input: { title: 'Ten accepts at once', category: 'HANDYMAN', budget: { amount: 1_000, currency: 'USD' } },
      }),
      deadline(),
    );
    if (posted.kind !== 'ok') throw new Error(JSON.stringify(posted));
    const taskId = posted.data.postTask.id;
    const bidIds = await Promise.all(
      taskers.map(async (tasker) => {
        const placed = await untilFinal(
          () => callAs<{ placeBid: { id: string } }>(new GatewayClient(stack.gatewayUrls), tasker, `mutation($input: PlaceBidInput!) { placeBid(input: $input) { id } }`, {
            input: { taskId, amount: { amount: 1_000, currency: 'USD' }, message: 'me' },
          }),
          deadline(),
        );
        if (placed.kind !== 'ok') throw new Error(JSON.stringify(placed));
        return placed.data.placeBid.id;
      }),
    );

    // Even bids through the first gateway (bids), odd through the second (bids-2), all at once.
    const [first, second] = stack.gatewayUrls;
    const answers = await Promise.all(
      bidIds.map((id, i) => new GatewayClient([(i % 2 === 0 ? first : second) ?? '']).call(`mutation($id: ID!) { acceptBid(id: $id) { id status } }`, { id }, poster.token)),
    );
    const winners = answers.filter((a) => a.kind === 'ok');
    expect(winners.length).toBeGreaterThanOrEqual(1);
    // A loser meets the winner in flight (ANOTHER_BID_CHOSEN), or, once the saga has assigned the
    // task, its own bid already rejected (BID_NOT_PENDING).
    for (const loser of answers.filter((a) => a.kind !== 'ok')) {
      expect(['ANOTHER_BID_CHOSEN', 'BID_NOT_PENDING']).toContain(loser.kind === 'refused' ? loser.reason : loser.why);
    }

    const task = await eventually(
      async () => {
        const seen = await callAs<TaskBids>(new GatewayClient(stack.gatewayUrls), poster, `query($id: ID!) { task(id: $id) { status assignee { id } bids(first: 20) { edges { node { id status } } } } }`, { id: taskId });
        return seen.kind === 'ok' ? seen.data.task : null;
      },
      (t) => t?.status === 'ASSIGNED' && !t.bids.edges.some((e) => e.node.status === 'ACCEPTING' || e.node.status === 'PENDING'),
      { what: 'the task assigned and every other bid rejected', timeoutMs: 60_000 },
    );
    expect(task?.bids.edges.filter((e) => e.node.status === 'ACCEPTED')).toHaveLength(1);

    // Never two acceptances in flight: each accept request after the first follows the failure of the one before.
    let inFlight: unknown = null;
    for (const event of (await taskState(db, taskId)).events) {
      if (event.type === 'bids.bid.accept_requested') {
        expect(inFlight).toBeNull();
        inFlight = event.data.bidId;
      } else if (event.type === 'bids.bid.accept_failed' || event.type === 'bids.bid.accepted') {
        expect(event.data.bidId).toBe(inFlight);
        inFlight = null;
      }
    }
    const payments = await db.execute<{ status: string }>(sql`SELECT status FROM wallet.payments WHERE task_id = ${taskId}`);
    expect(payments.rows.map((p) => p.status)).toEqual(['HELD']);
  });
});
