import { describe, expect, it } from 'vitest';
import { acceptBidAs, depositTo, eventually, gql, gqlOk, placeBidAs, postTaskAs, sharedAdmin, signUpUser, type TestUser } from '@sx/testkit';
import { dataOf, openDisputeAs, reasonOf, resolveAs } from '../dispute-steps.js';

// The admins' dispute queue (Query.openDisputes, tasks) through the gateway: every open dispute,
// oldest first, past the first page. Refusals of non-admins are in admin-access.test.ts.

const QUEUE =
  'query($first: Int, $after: String) { openDisputes(first: $first, after: $after) { edges { cursor node { id status createdAt task { id title } } } pageInfo { hasNextPage endCursor } } }';
type QueuePage = {
  openDisputes: {
    edges: { cursor: string; node: { id: string; status: string; createdAt: string; task: { id: string; title: string } } }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
};
/** One more than a page of the default size (20). */
const DISPUTES = 21;
/** Far more pages than the queue can hold while this test runs: a queue that never ends fails. */
const MAX_PAGES = 50;

const as = (user: TestUser) => ({ token: user.accessToken });

/** `count` tasks of one poster, each assigned to one tasker's bid (escrow held), in posting order. */
async function assignedTasks(count: number): Promise<{ poster: TestUser; taskIds: string[] }> {
  const [poster, tasker] = await Promise.all([signUpUser({ roles: ['POSTER'] }), signUpUser({ roles: ['TASKER'] })]);
  await depositTo(poster, count * 1_000);
  const taskIds: string[] = [];
  for (let i = 0; i < count; i++) taskIds.push(await postTaskAs(poster, { budget: 1_000, title: `Queued dispute ${i}` }));
  const bidIds = await Promise.all(taskIds.map((id) => placeBidAs(tasker, id, 1_000)));
  await Promise.all(bidIds.map((id) => acceptBidAs(poster, id)));
  const assigned = () =>
    gqlOk<{ tasks: { edges: unknown[] } }>('query($poster: ID!) { tasks(filter: { posterId: $poster, status: ASSIGNED }, first: 100) { edges { cursor } } }', { poster: poster.id }, as(poster));
  await eventually(assigned, (r) => r.tasks.edges.length === count, { what: `${count} tasks assigned`, timeoutMs: 90_000 });
  return { poster, taskIds };
}

/** Every page of the queue as `admin` sees it, in order. */
async function readQueue(admin: TestUser, first?: number): Promise<QueuePage['openDisputes'][]> {
  const pages: QueuePage['openDisputes'][] = [];
  let after: string | null = null;
  do {
    const page: QueuePage = await gqlOk<QueuePage>(QUEUE, { first, after }, as(admin));
    pages.push(page.openDisputes);
    after = page.openDisputes.pageInfo.hasNextPage ? page.openDisputes.pageInfo.endCursor : null;
  } while (after && pages.length < MAX_PAGES);
  expect(pages.at(-1)?.pageInfo.hasNextPage).toBe(false);
  return pages;
}

describe('the admins’ dispute queue', () => {
  it('lists every open dispute to an admin, oldest first, 20 a page, and drops the decided ones', { timeout: 240_000 }, async () => {
    const admin = await sharedAdmin();
    const { poster, taskIds } = await assignedTasks(DISPUTES);
    // One after another, so the queue's order is the order they were opened in.
    const opened: string[] = [];
    for (const taskId of taskIds) opened.push(dataOf(await openDisputeAs(poster, taskId)).openDispute.id);

    const pages = await readQueue(admin);
    // Other tests' disputes may be in the queue too: ours all appear, once each, in order.
    expect(pages.length).toBeGreaterThanOrEqual(2);
    for (const page of pages) expect(page.edges.length).toBeLessThanOrEqual(20);
    const nodes = pages.flatMap((p) => p.edges.map((e) => e.node));
    expect(new Set(nodes.map((n) => n.id)).size).toBe(nodes.length);
    expect(nodes.map((n) => n.id).filter((id) => opened.includes(id))).toEqual(opened);
    expect(nodes.every((n) => n.status === 'OPEN')).toBe(true);
    const times = nodes.map((n) => Date.parse(n.createdAt));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    // Each dispute comes with its task.
    const first = nodes.find((n) => n.id === opened[0]);
    expect(first?.task).toEqual({ id: taskIds[0], title: 'Queued dispute 0' });

    // Decided disputes leave the queue (dismissed here: the tasks go back to ASSIGNED).
    const decided = opened.slice(0, 11);
    await Promise.all(decided.map(async (id) => dataOf(await resolveAs(admin, id, 'dismiss'))));
    const after = (await readQueue(admin, 100)).flatMap((p) => p.edges.map((e) => e.node.id));
    expect(after.filter((id) => opened.includes(id))).toEqual(opened.slice(11));
    // Leaves no open dispute behind for the other tests' queues.
    await Promise.all(opened.slice(11).map(async (id) => dataOf(await resolveAs(admin, id, 'dismiss'))));
  });

  it('refuses a page larger than 100 and a cursor it did not issue', async () => {
    const admin = await sharedAdmin();
    const tooLarge = await gql(QUEUE, { first: 101 }, as(admin));
    expect(tooLarge.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'PAGE_TOO_LARGE' });
    const forged = await gql(QUEUE, { after: 'bm90IGEgY3Vyc29y' }, as(admin));
    expect(reasonOf(forged)).toBe('INVALID_CURSOR');
  });
});
