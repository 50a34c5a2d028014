import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { groupTaskCompleted, type EventEnvelope, type PayloadOf } from '@sx/events';
import { useEventPublisher, useStackDb } from '@sx/testkit/hooks';
import { eventually, gql, gqlOk, type TestUser } from '@sx/testkit';
import { pointTransfers } from '../src/db/tables.js';
import { as, eventsHandled, household, reasonOf } from './group-api.js';

const db = useStackDb();
const stream = useEventPublisher();

const LEADERBOARD = `query($id: ID!, $period: LeaderboardPeriod) { group(id: $id) { leaderboard(period: $period) { rank points user { id } } } }`;
const STEP = (name: string) => `mutation($id: ID!) { ${name}(id: $id) { id status completedAt } }`;

type Board = { group: { leaderboard: { rank: number; points: number; user: { id: string } }[] } };
const boardOf = (user: TestUser, groupId: string, period = 'ALL_TIME') => gqlOk<Board>(LEADERBOARD, { id: groupId, period }, as(user));

async function post(poster: TestUser, groupId: string, assignee: TestUser, rewardPoints: number): Promise<string> {
  const dueAt = new Date(Date.now() + 86_400_000).toISOString();
  const { postGroupTask } = await gqlOk<{ postGroupTask: { id: string; status: string; rewardPoints: number; assignee: { id: string } } }>(
    `mutation($input: PostGroupTaskInput!) { postGroupTask(input: $input) { id status rewardPoints assignee { id } } }`,
    { input: { groupId, title: 'Clean the kitchen', assigneeId: assignee.id, rewardPoints, dueAt } },
    as(poster),
  );
  expect(postGroupTask).toMatchObject({ status: 'ASSIGNED', rewardPoints, assignee: { id: assignee.id } });
  return postGroupTask.id;
}

async function complete(poster: TestUser, assignee: TestUser, taskId: string): Promise<void> {
  await gqlOk(STEP('markGroupTaskDone'), { id: taskId }, as(assignee));
  await gqlOk(STEP('confirmGroupTaskCompletion'), { id: taskId }, as(poster));
}

const awardsFor = async (taskId: string) => (await db.select().from(pointTransfers).where(sql`${pointTransfers.taskId} = ${taskId}`)).length;

describe('group tasks and reward points', () => {
  it('moves a task ASSIGNED → DONE → COMPLETED by the right members only', async () => {
    const { groupId, owner, members } = await household('Chores', 2);
    const [doer, other] = members as [TestUser, TestUser];
    const taskId = await post(owner, groupId, doer, 5);

    expect(reasonOf(await gql(STEP('markGroupTaskDone'), { id: taskId }, as(other)))).toBe('NOT_GROUP_TASK_ASSIGNEE');
    expect(reasonOf(await gql(STEP('confirmGroupTaskCompletion'), { id: taskId }, as(owner)))).toBe('GROUP_TASK_STATUS');
    await gqlOk(STEP('markGroupTaskDone'), { id: taskId }, as(doer));
    expect(reasonOf(await gql(STEP('confirmGroupTaskCompletion'), { id: taskId }, as(doer)))).toBe('NOT_GROUP_TASK_POSTER');
    const done = await gqlOk<{ confirmGroupTaskCompletion: { status: string; completedAt: string | null } }>(STEP('confirmGroupTaskCompletion'), { id: taskId }, as(owner));
    expect(done.confirmGroupTaskCompletion.status).toBe('COMPLETED');
    expect(done.confirmGroupTaskCompletion.completedAt).not.toBeNull();
    expect(reasonOf(await gql(STEP('cancelGroupTask'), { id: taskId }, as(owner)))).toBe('GROUP_TASK_STATUS');

    const listed = await gqlOk<{ group: { tasks: { edges: { node: { id: string; status: string } }[] } } }>(
      `query($id: ID!) { group(id: $id) { tasks(first: 5, status: COMPLETED) { edges { node { id status } } } } }`,
      { id: groupId },
      as(other),
    );
    expect(listed.group.tasks.edges.map((e) => e.node)).toEqual([{ id: taskId, status: 'COMPLETED' }]);
  });

  it('awards the points of a completed task once, however often its completion is delivered', async () => {
    const { groupId, owner, members } = await household('Points', 2);
    const [alice, bob] = members as [TestUser, TestUser];
    const first = await post(owner, groupId, alice, 30);
    const second = await post(owner, groupId, bob, 10);
    const cancelled = await post(owner, groupId, bob, 99);
    await complete(owner, alice, first);
    await complete(owner, bob, second);
    await gqlOk(STEP('cancelGroupTask'), { id: cancelled }, as(owner));

    const board = await eventually(() => boardOf(owner, groupId), (b) => b.group.leaderboard.length === 2, { what: 'both awards on the leaderboard' });
    const expected = [
      { rank: 1, points: 30, user: { id: alice.id } },
      { rank: 2, points: 10, user: { id: bob.id } },
    ];
    expect(board.group.leaderboard).toEqual(expected);
    expect((await boardOf(bob, groupId, 'WEEK')).group.leaderboard).toEqual(expected);

    // Redelivery: the same envelope again (a replayed outbox), and a second event for the same task.
    const [row] = (await db.execute<{ envelope: EventEnvelope<PayloadOf<typeof groupTaskCompleted>> }>(
      sql`SELECT envelope FROM groups.outbox WHERE type = 'groups.task.completed' AND envelope->'data'->>'taskId' = ${first}`,
    )).rows;
    if (!row) throw new Error('the completion event is not in the outbox');
    const before = await eventsHandled('groups_points');
    await stream.send(row.envelope, { msgID: `${row.envelope.id}:replayed` });
    await stream.publish(groupTaskCompleted, row.envelope.data);
    await eventually(() => eventsHandled('groups_points'), (n) => n >= before + 2, { what: 'both redeliveries handled' });

    expect((await boardOf(owner, groupId)).group.leaderboard).toEqual(expected);
    expect(await awardsFor(first)).toBe(1);
    expect(await awardsFor(cancelled)).toBe(0);
  });

  it('keeps the points ledger append-only', async () => {
    const refusal = (statement: ReturnType<typeof sql>) =>
      db.execute(statement).then(
        () => 'applied',
        (e: unknown) => (e as { cause?: { message?: string } }).cause?.message ?? String(e),
      );
    const total = async () => (await db.execute<{ n: string }>(sql`SELECT coalesce(sum(points), 0) AS n FROM groups.point_transfers`)).rows[0]?.n;
    const before = await total();
    expect(await refusal(sql`UPDATE groups.point_transfers SET points = points + 1`)).toContain('append-only');
    expect(await refusal(sql`DELETE FROM groups.point_transfers`)).toContain('append-only');
    expect(await total()).toBe(before);
  });
});
