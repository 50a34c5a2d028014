import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { useStackDb } from '@sx/testkit/hooks';
import { assignedTask as disputableTask, dataOf, openDisputeAs, resolveAs, settledPayment, taskStep } from '../dispute-steps.js';
import { acceptBidAs, depositTo, eventually, gql, gqlOk, placeBidAs, postTaskAs, sharedAdmin, signUpUser, type TestUser } from '@sx/testkit';

// The analytics read models against the wallet's ledger, after real flows through the gateway:
// per entity exactly (a task's price, a tasker's earnings), and in total (fees, escrow now).
const db = useStackDb();

type Money = { amount: number; currency: string };
const as = (user: TestUser) => ({ token: user.accessToken });

async function paymentOf(taskId: string, viewer: TestUser, status: string) {
  const read = () => gqlOk<{ task: { payment: { id: string; status: string; amount: Money; fee: Money | null } | null } }>(
    'query($id: ID!) { task(id: $id) { payment { id status amount { amount currency } fee { amount currency } } } }',
    { id: taskId },
    as(viewer),
  );
  return (await eventually(read, (r) => r.task.payment?.status === status, { what: `payment ${status}`, timeoutMs: 60_000 })).task.payment!;
}

/**
 * A task of `poster` assigned to `tasker` at `price`: escrow held and the task ASSIGNED. Both are
 * waited for: wallet holds the escrow one saga hop before tasks assigns, so HELD alone can be seen
 * while tasks would still refuse the tasker's markTaskDone (NOT_TASK_ASSIGNEE).
 */
async function assignedTask(poster: TestUser, tasker: TestUser, price: number, currency: string): Promise<string> {
  const taskId = await postTaskAs(poster, { budget: price, currency, title: `Analytics flow ${price}` });
  await acceptBidAs(poster, await placeBidAs(tasker, taskId, price, currency));
  await paymentOf(taskId, poster, 'HELD');
  await eventually(
    () => gqlOk<{ task: { status: string } }>('query($id: ID!) { task(id: $id) { status } }', { id: taskId }, as(poster)),
    (r) => r.task.status === 'ASSIGNED',
    { what: 'task assigned', timeoutMs: 60_000 },
  );
  return taskId;
}

async function completeTask(poster: TestUser, tasker: TestUser, taskId: string): Promise<void> {
  await gqlOk('mutation($id: ID!) { markTaskDone(id: $id) { id } }', { id: taskId }, as(tasker));
  await gqlOk('mutation($id: ID!) { confirmTaskCompletion(id: $id) { id } }', { id: taskId }, as(poster));
}

type Totals = { fees: Record<string, number>; escrow: Record<string, number>; volume: Record<string, number> };

/**
 * Per currency, from the ledger itself: the platform's revenue accounts, the escrow accounts, and
 * the volume — every transfer out of escrow but the refunds (to the tasker and the fee).
 */
async function ledgerTotals(): Promise<Totals> {
  const rows = await db.execute<{ kind: string; currency: string; total: string }>(
    sql`SELECT kind, currency, sum(balance_minor)::text AS total FROM wallet.accounts WHERE kind IN ('platform', 'escrow') GROUP BY kind, currency
        UNION ALL
        SELECT 'volume', t.currency, sum(t.amount_minor)::text FROM wallet.transfers t JOIN wallet.accounts a ON a.id = t.debit_account_id
        WHERE a.kind = 'escrow' AND t.kind NOT IN ('escrow_refund', 'dispute_refund') GROUP BY t.currency`,
  );
  const of = (kind: string) => Object.fromEntries(rows.rows.filter((r) => r.kind === kind && Number(r.total) !== 0).map((r) => [r.currency, Number(r.total)]));
  return { fees: of('platform'), escrow: of('escrow'), volume: of('volume') };
}

const byCurrency = (amounts: Money[]) => Object.fromEntries(amounts.map((m) => [m.currency, m.amount]));

describe('analytics', { timeout: 180_000 }, () => {
  it('matches the ledger: a task price, a tasker earnings, all fees earned and the money in escrow now', async () => {
    const [admin, poster, tasker] = await Promise.all([sharedAdmin(), signUpUser({ roles: ['POSTER'] }), signUpUser({ roles: ['TASKER'] })]);
    await depositTo(poster, 2_000_000, 'EUR');
    const completed = await assignedTask(poster, tasker, 987_001, 'EUR');
    await completeTask(poster, tasker, completed);
    const released = await paymentOf(completed, poster, 'RELEASED');
    const held = await assignedTask(poster, tasker, 987_002, 'EUR');

    // The tasker's earnings: what the ledger paid into their wallet for the task.
    const ledger = await gqlOk<{ userWallets: { transactions: { edges: { node: { kind: string; amount: Money } }[] } }[] }>(
      'query($id: ID!) { userWallets(userId: $id) { transactions(first: 20) { edges { node { kind amount { amount currency } } } } } }',
      { id: tasker.id },
      as(admin),
    );
    const paidToTasker = ledger.userWallets.flatMap((w) => w.transactions.edges.map((e) => e.node)).filter((t) => t.kind === 'ESCROW_RELEASE');
    expect(paidToTasker).toEqual([{ kind: 'ESCROW_RELEASE', amount: { amount: released.amount.amount - released.fee!.amount, currency: 'EUR' } }]);
    const taskers = await eventually(
      () => gqlOk<{ topTaskers: { edges: { node: { tasker: { id: string }; earned: Money; tasksPaid: number } }[] } }>('{ topTaskers(first: 100) { edges { node { tasker { id } earned { amount currency } tasksPaid } } } }', {}, as(admin)),
      (r) => r.topTaskers.edges.some((e) => e.node.tasker.id === tasker.id),
      { what: 'the tasker ranked', timeoutMs: 60_000 },
    );
    expect(taskers.topTaskers.edges.find((e) => e.node.tasker.id === tasker.id)?.node).toEqual({ tasker: { id: tasker.id }, earned: paidToTasker[0]!.amount, tasksPaid: 1 });

    // Both tasks ranked by the price their escrow holds.
    const top = await eventually(
      () => gqlOk<{ topTasks: { edges: { node: { task: { id: string }; price: Money } }[] } }>('{ topTasks(period: DAY, currency: "EUR", first: 100) { edges { node { task { id } price { amount currency } } } } }', {}, as(admin)),
      (r) => [completed, held].every((id) => r.topTasks.edges.some((e) => e.node.task.id === id)),
      { what: 'both tasks ranked', timeoutMs: 60_000 },
    );
    const ranked = top.topTasks.edges.map((e) => e.node).filter((n) => n.task.id === completed || n.task.id === held);
    expect(ranked).toEqual([
      { task: { id: held }, price: (await paymentOf(held, poster, 'HELD')).amount },
      { task: { id: completed }, price: released.amount },
    ]);

    await expectTotalsEqualToLedger(admin);
  });

  it('counts a dispute opened, and the fee of its split settlement as the ledger took it', async () => {
    const admin = await sharedAdmin();
    const STATS = '{ platformStats { disputesOpened disputeRate } }';
    type Stats = { platformStats: { disputesOpened: number; disputeRate: number | null } };
    const before = (await gqlOk<Stats>(STATS, {}, as(admin))).platformStats;
    const { poster, tasker, taskId } = await disputableTask(40_000);
    dataOf(await taskStep(tasker, 'markTaskDone', taskId));
    const dispute = dataOf(await openDisputeAs(poster, taskId)).openDispute;
    const opened = await eventually(
      async () => (await gqlOk<Stats>(STATS, {}, as(admin))).platformStats,
      (s) => s.disputesOpened >= before.disputesOpened + 1,
      { what: 'the dispute counted', timeoutMs: 60_000 },
    );
    expect(opened.disputeRate).toBeGreaterThan(0);

    dataOf(await resolveAs(admin, dispute.id, { refund: 15_000, release: 25_000 }));
    const settled = await settledPayment(poster, taskId);
    // 10 % of the released 250.00; nothing is charged on the refund.
    expect(settled.payment).toMatchObject({ status: 'SPLIT', fee: { amount: 2_500 }, refund: { amount: 15_000 } });
    // The split's fee reached the platform's account: analytics' fees and escrow equal the ledger's,
    // and its volume counts the released 250.00, not the refunded 150.00.
    await expectTotalsEqualToLedger(admin);
  });

  it('counts sign-ups, tasks, bids and completions from the events, and rates completion', async () => {
    const admin = await sharedAdmin();
    const STATS = '{ platformStats { from to signUps tasksPosted bidsPlaced tasksCompleted tasksCancelled completionRate disputeRate earningsByDay { day fees { amount currency } } } }';
    type Stats = { platformStats: { signUps: number; tasksPosted: number; bidsPlaced: number; tasksCompleted: number; tasksCancelled: number; completionRate: number | null; earningsByDay: { day: string }[] } };
    const before = (await gqlOk<Stats>(STATS, {}, as(admin))).platformStats;
    const [poster, tasker] = await Promise.all([signUpUser({ roles: ['POSTER'] }), signUpUser({ roles: ['TASKER'] })]);
    await depositTo(poster, 10_000, 'GBP');
    const taskId = await assignedTask(poster, tasker, 5_000, 'GBP');
    await completeTask(poster, tasker, taskId);
    const after = await eventually(
      async () => (await gqlOk<Stats>(STATS, {}, as(admin))).platformStats,
      (s) => s.signUps >= before.signUps + 2 && s.tasksPosted >= before.tasksPosted + 1 && s.bidsPlaced >= before.bidsPlaced + 1 && s.tasksCompleted >= before.tasksCompleted + 1,
      { what: 'the counts to grow', timeoutMs: 60_000 },
    );
    expect(after.completionRate).toBeCloseTo(after.tasksCompleted / (after.tasksCompleted + after.tasksCancelled), 10);
    expect(after.earningsByDay.map((d) => d.day)).toContain(new Date().toISOString().slice(0, 10));
  });

  it('refuses a range longer than 366 days or inverted, and a forged ranking cursor', async () => {
    const admin = await sharedAdmin();
    const long = await gqlOk<unknown>('query { ok: platformStats(from: "2020-01-01T00:00:00Z", to: "2020-02-01T00:00:00Z") { signUps } }', {}, as(admin));
    expect(long).toEqual({ ok: { signUps: 0 } });
    const tooLong = await gql('{ platformStats(from: "2020-01-01T00:00:00Z", to: "2022-01-01T00:00:00Z") { signUps } }', {}, as(admin));
    expect(tooLong.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'INVALID_INPUT' });
    const inverted = await gql('{ platformStats(from: "2021-01-01T00:00:00Z", to: "2020-01-01T00:00:00Z") { signUps } }', {}, as(admin));
    expect(inverted.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'INVALID_INPUT' });
    const forged = await gql('{ topTasks(period: WEEK, after: "eHl6") { edges { cursor } } }', {}, as(admin));
    expect(forged.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'INVALID_CURSOR' });
  });
});

/**
 * In total: every fee the platform's accounts received, what the escrow accounts hold now and the
 * volume released, read on both sides until a moment when no other test's money is in flight.
 */
async function expectTotalsEqualToLedger(admin: TestUser): Promise<void> {
  const STATS = '{ platformStats(from: $from) { feesEarned { amount currency } escrowNow { amount currency } volume { amount currency } } }';
  const from = new Date(Date.now() - 365 * 86_400_000).toISOString();
  await eventually(
    async () => {
      const before = await ledgerTotals();
      const stats = await gqlOk<{ platformStats: { feesEarned: Money[]; escrowNow: Money[]; volume: Money[] } }>(`query($from: DateTime) ${STATS}`, { from }, as(admin));
      const after = await ledgerTotals();
      const { feesEarned, escrowNow, volume } = stats.platformStats;
      return { before, after, analytics: { fees: byCurrency(feesEarned), escrow: byCurrency(escrowNow), volume: byCurrency(volume) } };
    },
    ({ before, after, analytics }) => JSON.stringify(sorted(before)) === JSON.stringify(sorted(after)) && JSON.stringify(sorted(analytics)) === JSON.stringify(sorted(before)),
    { what: 'analytics totals equal to the ledger', timeoutMs: 90_000, intervalMs: 200 },
  );
}

function sorted(totals: Totals) {
  const order = (r: Record<string, number>) => Object.fromEntries(Object.entries(r).sort(([a], [b]) => a.localeCompare(b)));
  return { fees: order(totals.fees), escrow: order(totals.escrow), volume: order(totals.volume) };
}
