import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { eventually, gql, gqlOk, placeBidAs, postTaskAs, sharedAdmin, signUpUser, type TestUser } from '@sx/testkit';
import { useStackDb } from '@sx/testkit/hooks';

// A task an administrator hid, or whose poster is suspended, takes no bids (bids follows
// tasks.task.hidden/unhidden and users.user.suspended/unsuspended in its task replica), through the gateway. The test waits for bids' replica to follow each event, so a
// bid cannot slip in before the hiding reached bids and make the refusal a matter of timing.
const db = useStackDb();
const as = (user: TestUser) => ({ token: user.accessToken });

const PLACE_BID = 'mutation($input: PlaceBidInput!) { placeBid(input: $input) { id status } }';
const placeBid = (tasker: TestUser, taskId: string) =>
  gql<{ placeBid: { id: string; status: string } }>(PLACE_BID, { input: { taskId, amount: { amount: 4_000, currency: 'USD' }, message: 'Can do it today.' } }, as(tasker));

/** Whether bids' replica has the task hidden: by an administrator, or for its suspended poster. */
async function replicaHidden(taskId: string, flag: 'hidden' | 'poster_suspended' = 'hidden'): Promise<boolean | null> {
  const rows = await db.execute<{ flag: boolean }>(sql`SELECT ${sql.identifier(flag)} AS flag FROM bids.task_replica WHERE task_id = ${taskId}`);
  return rows.rows[0]?.flag ?? null;
}

async function bidCountOf(viewer: TestUser, taskId: string): Promise<number> {
  const data = await gqlOk<{ task: { bidCount: number } }>('query($id: ID!) { task(id: $id) { bidCount } }', { id: taskId }, as(viewer));
  return data.task.bidCount;
}

describe('bids on a hidden task', () => {
  it('refuses a bid while an administrator hides the task, and takes one again once it is shown', { timeout: 90_000 }, async () => {
    const [admin, poster, tasker, earlyTasker] = await Promise.all([sharedAdmin(), signUpUser({ roles: ['POSTER'] }), signUpUser({ roles: ['TASKER'] }), signUpUser({ roles: ['TASKER'] })]);
    const taskId = await postTaskAs(poster, { budget: 5_000 });
    // A bid placed before the hiding stays (hiding moves no bid and no money).
    await placeBidAs(earlyTasker, taskId, 4_500);

    await gqlOk('mutation($id: ID!) { hideTask(taskId: $id, reason: "Looks like a scam") { id hidden } }', { id: taskId }, as(admin));
    await eventually(() => replicaHidden(taskId), (hidden) => hidden === true, { what: 'bids to learn the task is hidden' });
    const refused = await placeBid(tasker, taskId);
    expect(refused.data ?? null).toBeNull();
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'TASK_HIDDEN_BY_ADMIN' });
    expect(refused.errors?.[0]?.message).toMatch(/administrator/);
    expect(await bidCountOf(poster, taskId)).toBe(1);

    await gqlOk('mutation($id: ID!) { unhideTask(taskId: $id) { id hidden } }', { id: taskId }, as(admin));
    await eventually(() => replicaHidden(taskId), (hidden) => hidden === false, { what: 'bids to learn the task is shown again' });
    const placed = await placeBid(tasker, taskId);
    expect(placed.errors).toBeUndefined();
    expect(placed.data?.placeBid.status).toBe('PENDING');
    expect(await bidCountOf(poster, taskId)).toBe(2);
  });

  it('refuses a bid on the tasks of a suspended poster, and takes one again once the suspension is lifted', { timeout: 90_000 }, async () => {
    const [admin, poster, tasker] = await Promise.all([sharedAdmin(), signUpUser({ roles: ['POSTER'] }), signUpUser({ roles: ['TASKER'] })]);
    const taskId = await postTaskAs(poster, { budget: 5_000 });
    await eventually(() => replicaHidden(taskId, 'poster_suspended'), (flag) => flag === false, { what: 'bids to know the task' });

    await gqlOk('mutation($id: ID!) { suspendUser(userId: $id, reason: "Posting scams") { id } }', { id: poster.id }, as(admin));
    await eventually(() => replicaHidden(taskId, 'poster_suspended'), (flag) => flag === true, { what: 'bids to learn of the suspension' });
    const refused = await placeBid(tasker, taskId);
    expect(refused.data ?? null).toBeNull();
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'TASK_HIDDEN_BY_ADMIN' });
    expect(await bidCountOf(admin, taskId)).toBe(0);

    await gqlOk('mutation($id: ID!) { unsuspendUser(userId: $id) { id } }', { id: poster.id }, as(admin));
    await eventually(() => replicaHidden(taskId, 'poster_suspended'), (flag) => flag === false, { what: 'bids to learn the suspension ended' });
    const placed = await placeBid(tasker, taskId);
    expect(placed.errors).toBeUndefined();
    expect(await bidCountOf(admin, taskId)).toBe(1);
  });
});
