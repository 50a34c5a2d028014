import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { subgraphGql } from '@sx/testkit';
import { useEventPublisher } from '@sx/testkit/hooks';
import { completedEvent, dataOf, leaveReview, REVIEW_FIELDS, userCaller, type ReviewView } from './review-api.js';

const stream = useEventPublisher();

interface Page {
  edges: { cursor: string; node: ReviewView }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

const PAGE = `edges { cursor node { ${REVIEW_FIELDS} } } pageInfo { hasNextPage endCursor }`;

async function userReviews(userId: string, first: number, after?: string | null): Promise<Page> {
  const data = dataOf(
    await subgraphGql<{ _entities: { reviews: Page }[] }>(
      'reviews',
      `query($reps: [_Any!]!, $first: Int, $after: String) { _entities(representations: $reps) { ... on User { reviews(first: $first, after: $after) { ${PAGE} } } } }`,
      { reps: [{ __typename: 'User', id: userId }], first, after },
    ),
  );
  return data._entities[0]?.reviews as Page;
}

async function taskReviews(taskId: string): Promise<Page> {
  const data = dataOf(
    await subgraphGql<{ _entities: { reviews: Page }[] }>(
      'reviews',
      `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Task { reviews { ${PAGE} } } } }`,
      { reps: [{ __typename: 'Task', id: taskId }] },
    ),
  );
  return data._entities[0]?.reviews as Page;
}

/** Newest first, ties broken by id: the order the lists promise. */
const newestFirst = (a: ReviewView, b: ReviewView) => Date.parse(b.createdAt) - Date.parse(a.createdAt) || b.id.localeCompare(a.id);

describe('lists of reviews', () => {
  const tasker = randomUUID();
  const posters = [randomUUID(), randomUUID(), randomUUID()];
  const tasks = posters.map((posterId) => completedEvent({ posterId, assigneeId: tasker }));
  let received: ReviewView[] = [];
  let byTasker: ReviewView;

  beforeAll(async () => {
    for (const task of tasks) await stream.send(task);
    for (const [i, task] of tasks.entries()) {
      received.push(await leaveReview(userCaller(task.data.posterId), { taskId: task.data.taskId, rating: i + 3, comment: `Review ${i}` }));
    }
    byTasker = await leaveReview(userCaller(tasker), { taskId: tasks[0]?.data.taskId, rating: 5 });
    // Reviews are blind: the tasker reviews back on every task, so all of them are visible to everyone.
    for (const task of tasks.slice(1)) await leaveReview(userCaller(tasker), { taskId: task.data.taskId, rating: 4 });
    received = received.sort(newestFirst);
  });

  it('pages through the reviews a user received, newest first, without the ones they wrote', async () => {
    const first = await userReviews(tasker, 2);
    expect(first.edges.map((e) => e.node)).toEqual(received.slice(0, 2));
    expect(first.pageInfo).toEqual({ hasNextPage: true, endCursor: first.edges[1]?.cursor });

    const second = await userReviews(tasker, 2, first.pageInfo.endCursor);
    expect(second.edges.map((e) => e.node)).toEqual(received.slice(2));
    expect(second.pageInfo).toEqual({ hasNextPage: false, endCursor: second.edges[0]?.cursor });
    expect([...first.edges, ...second.edges].every((e) => e.node.subject.id === tasker)).toBe(true);
  });

  it("lists both participants' reviews of a task", async () => {
    const page = await taskReviews(tasks[0]?.data.taskId as string);
    const own = received.find((r) => r.task.id === tasks[0]?.data.taskId) as ReviewView;
    expect(page.edges.map((e) => e.node)).toEqual([own, byTasker].sort(newestFirst));
    expect(page.pageInfo.hasNextPage).toBe(false);
    expect(byTasker.subject.id).toBe(tasks[0]?.data.posterId);
  });

  it('resolves a Review entity by its id', async () => {
    const data = dataOf(
      await subgraphGql<{ _entities: (ReviewView | null)[] }>(
        'reviews',
        `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Review { ${REVIEW_FIELDS} } } }`,
        { reps: [{ __typename: 'Review', id: byTasker.id }, { __typename: 'Review', id: randomUUID() }, { __typename: 'Review', id: 'nope' }] },
      ),
    );
    expect(data._entities).toEqual([byTasker, null, null]);
  });
});
