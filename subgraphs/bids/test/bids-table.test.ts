import { afterAll, describe, expect, it } from 'vitest';
import { useStackDb } from '@sx/testkit/hooks';
import { eq } from 'drizzle-orm';
import { bids, taskReplica } from '../src/db/tables.js';
import { deleteBids, deleteReplicas, insertBids, insertReplica, newId } from './seed.js';

// The tables are the last line of defence for the rules placeBid/acceptBid enforce: a bug there
// must fail loudly here rather than store a second standing bid, a free one, or a task without a price.

const db = useStackDb();
const created: string[] = [];
const replicas: string[] = [];

afterAll(async () => {
  await deleteBids(db, created);
  await deleteReplicas(db, replicas);
});

async function insert(...args: Parameters<typeof insertBids>[1]) {
  const rows = await insertBids(db, args);
  created.push(...rows.map((r) => r.id));
  return rows;
}

/** The Postgres error a statement failed with (drizzle wraps it in `cause`). */
async function pgError(run: () => Promise<unknown>): Promise<{ code?: string; constraint?: string }> {
  const err = await run().then(
    () => null,
    (e: unknown) => e as { cause?: { code?: string; constraint?: string } },
  );
  if (!err) throw new Error('expected the statement to be refused');
  return err.cause ?? {};
}

describe('bids table', () => {
  it('refuses a second standing bid by the same tasker on the same task', async () => {
    const taskId = newId();
    const taskerId = newId();
    await insert({ taskId, taskerId });
    for (const status of ['PENDING', 'ACCEPTING', 'ACCEPTED'] as const) {
      const err = await pgError(() => insert({ taskId, taskerId, status }));
      expect(err).toMatchObject({ code: '23505', constraint: 'bids_one_active_per_tasker' });
    }
    expect(await db.select().from(bids).where(eq(bids.taskId, taskId))).toHaveLength(1);
  });

  it('lets a tasker bid again once their earlier bid was withdrawn or rejected', async () => {
    const taskId = newId();
    const taskerId = newId();
    const [first] = await insert({ taskId, taskerId });
    await db.update(bids).set({ status: 'WITHDRAWN' }).where(eq(bids.id, first?.id ?? ''));
    await insert({ taskId, taskerId, status: 'REJECTED' });
    await insert({ taskId, taskerId });
    expect(await db.select().from(bids).where(eq(bids.taskId, taskId))).toHaveLength(3);
  });

  it('lets different taskers hold standing bids on the same task', async () => {
    const taskId = newId();
    await insert({ taskId, taskerId: newId() }, { taskId, taskerId: newId() });
    expect(await db.select().from(bids).where(eq(bids.taskId, taskId))).toHaveLength(2);
  });

  it('refuses a second chosen (accepting or accepted) bid on the same task', async () => {
    const taskId = newId();
    const [first] = await insert({ taskId, taskerId: newId(), status: 'ACCEPTED' });
    for (const status of ['ACCEPTING', 'ACCEPTED'] as const) {
      const err = await pgError(() => insert({ taskId, taskerId: newId(), status }));
      expect(err).toMatchObject({ code: '23505', constraint: 'bids_one_accepted_per_task' });
    }
    expect((await db.select().from(bids).where(eq(bids.taskId, taskId))).map((b) => b.id)).toEqual([first?.id]);
  });

  it('refuses an unknown accept failure, and a failure without its time or a time without a failure', async () => {
    const taskId = newId();
    const unknown = await pgError(() => insert({ taskId, taskerId: newId(), lastAcceptFailure: 'BAD_LUCK' as 'INSUFFICIENT_FUNDS', lastAcceptFailureAt: new Date() }));
    expect(unknown).toMatchObject({ code: '23514', constraint: 'bids_accept_failure_known' });
    const noTime = await pgError(() => insert({ taskId, taskerId: newId(), lastAcceptFailure: 'INSUFFICIENT_FUNDS' }));
    expect(noTime).toMatchObject({ code: '23514', constraint: 'bids_accept_failure_complete' });
    const noReason = await pgError(() => insert({ taskId, taskerId: newId(), lastAcceptFailureAt: new Date() }));
    expect(noReason).toMatchObject({ code: '23514', constraint: 'bids_accept_failure_complete' });
    expect(await db.select().from(bids).where(eq(bids.taskId, taskId))).toEqual([]);
  });

  it('refuses a bid of zero or a negative amount', async () => {
    const taskId = newId();
    for (const amountMinor of [0, -1]) {
      const err = await pgError(() => insert({ taskId, taskerId: newId(), amountMinor }));
      expect(err).toMatchObject({ code: '23514', constraint: 'bids_amount_positive' });
    }
    expect(await db.select().from(bids).where(eq(bids.taskId, taskId))).toEqual([]);
  });

  it('refuses an unknown status and a currency that is not an ISO code', async () => {
    const taskId = newId();
    const badStatus = await pgError(() => insert({ taskId, taskerId: newId(), status: 'LOST' as 'PENDING' }));
    expect(badStatus).toMatchObject({ code: '23514', constraint: 'bids_status_known' });
    const badCurrency = await pgError(() => insert({ taskId, taskerId: newId(), currency: 'usd' }));
    expect(badCurrency).toMatchObject({ code: '23514', constraint: 'bids_currency_code' });
    expect(await db.select().from(bids).where(eq(bids.taskId, taskId))).toEqual([]);
  });

  it('refuses a message over 2000 characters', async () => {
    const taskId = newId();
    const err = await pgError(() => insert({ taskId, taskerId: newId(), message: 'z'.repeat(2_001) }));
    expect(err).toMatchObject({ code: '23514', constraint: 'bids_message_length' });
    expect(await db.select().from(bids).where(eq(bids.taskId, taskId))).toEqual([]);
  });
});

describe('task_replica table', () => {
  it('refuses an open task without a budget, half a budget, or an unknown status', async () => {
    const taskId = newId();
    const cases: [Parameters<typeof insertReplica>[1], string][] = [
      [{ taskId, posterId: newId(), budgetMinor: null, currency: null }, 'task_replica_open_has_budget'],
      [{ taskId, posterId: newId(), status: 'CANCELLED', budgetMinor: 100, currency: null }, 'task_replica_budget_complete'],
      [{ taskId, posterId: newId(), status: 'LOST' as 'OPEN' }, 'task_replica_status_known'],
      [{ taskId, posterId: newId(), budgetMinor: 0 }, 'task_replica_budget_positive'],
    ];
    for (const [row, constraint] of cases) {
      const err = await pgError(() => insertReplica(db, row));
      expect(err).toMatchObject({ code: '23514', constraint });
    }
    expect(await db.select().from(taskReplica).where(eq(taskReplica.taskId, taskId))).toEqual([]);
  });

  it('keeps a cancelled task known only from its cancellation, without a budget', async () => {
    const taskId = await insertReplica(db, { posterId: newId(), status: 'CANCELLED', budgetMinor: null, currency: null });
    replicas.push(taskId);
    expect(await db.select().from(taskReplica).where(eq(taskReplica.taskId, taskId))).toHaveLength(1);
  });
});
