import { describe, expect, it } from 'vitest';
import { completeTaskAs, errorCode, eventually, gql, gqlOk, signUpUser, type GraphQLResponse, type TestUser } from '@sx/testkit';

// Reviews through the gateway: once a task is COMPLETED (posted, bid on, accepted, done and
// confirmed, every step a real mutation), its poster and tasker review each other, and the
// ratings show on the users, resolved across subgraphs.

const LEAVE = `mutation($input: LeaveReviewInput!) { leaveReview(input: $input) { id rating comment author { name } subject { name } task { title } } }`;
const PROFILE = `query($id: ID!) { user(id: $id) { name rating { average count } reviews(first: 5) { edges { node { rating comment author { name } task { title } } } } } }`;

interface Profile {
  user: { name: string; rating: { average: number | null; count: number }; reviews: { edges: { node: Record<string, unknown> }[] } };
}

const leave = (user: TestUser | null, input: Record<string, unknown>) => gql(LEAVE, { input }, user ? { token: user.accessToken } : {});
const isRetryable = (res: GraphQLResponse<unknown>) => res.errors?.[0]?.extensions?.retryable === true;

describe('a completed task → both participants review each other', () => {
  it('walks the review path through the gateway', async () => {
    const [poster, tasker] = await Promise.all([
      signUpUser({ roles: ['POSTER'], name: 'Rita Reviewer' }),
      signUpUser({ roles: ['TASKER'], name: 'Theo Tasker' }),
    ]);
    const { postTask } = await gqlOk<{ postTask: { id: string } }>(
      `mutation($input: PostTaskInput!) { postTask(input: $input) { id } }`,
      { input: { title: 'Assemble a bookshelf', category: 'HANDYMAN', budget: { amount: 6_000, currency: 'EUR' } } },
      { token: poster.accessToken },
    );
    const taskId = postTask.id;

    const early = await leave(poster, { taskId, rating: 5 });
    expect(errorCode(early)).toBe('CONFLICT');
    expect(isRetryable(early)).toBe(true);

    await completeTaskAs(poster, tasker, taskId, 6_000, 'EUR');
    const byPoster = await eventually(() => leave(poster, { taskId, rating: 5, comment: 'Sturdy and fast.' }), (r) => !isRetryable(r), {
      what: 'the task to be reviewable',
    });
    expect(byPoster.errors).toBeUndefined();
    expect(byPoster.data).toMatchObject({
      leaveReview: { rating: 5, comment: 'Sturdy and fast.', author: { name: 'Rita Reviewer' }, subject: { name: 'Theo Tasker' }, task: { title: 'Assemble a bookshelf' } },
    });

    // Blind: until the tasker reviews too, Task.reviews shows the poster's review to the poster only.
    const taskReviews = async (viewer: TestUser | null) =>
      (
        await gqlOk<{ task: { reviews: { edges: { node: { rating: number; revealedAt: string | null } }[] } } }>(
          `query($id: ID!) { task(id: $id) { reviews { edges { node { rating revealedAt } } } } }`,
          { id: taskId },
          viewer ? { token: viewer.accessToken } : {},
        )
      ).task.reviews.edges.map((e) => e.node);
    expect(await taskReviews(poster)).toEqual([{ rating: 5, revealedAt: null }]);
    expect(await taskReviews(tasker)).toEqual([]);
    expect(await taskReviews(null)).toEqual([]);

    expect(errorCode(await leave(null, { taskId, rating: 4 }))).toBe('UNAUTHENTICATED');
    const fractional = await leave(tasker, { taskId, rating: 3.5 });
    expect(errorCode(fractional)).toBe('BAD_USER_INPUT');
    expect(fractional.errors?.[0]?.message).toContain('rating');
    expect(errorCode(await leave(tasker, { taskId, rating: 4 }))).toBeUndefined();
    expect(errorCode(await leave(tasker, { taskId, rating: 1 }))).toBe('CONFLICT');
    const both = await taskReviews(null);
    expect(both.map((r) => r.rating).sort()).toEqual([4, 5]);
    expect(both.every((r) => r.revealedAt !== null)).toBe(true);

    const profile = await eventually(
      () => gqlOk<Profile>(PROFILE, { id: tasker.id }, { token: poster.accessToken }),
      (p) => p.user.rating.count === 1,
      { what: "the tasker's rating" },
    );
    expect(profile.user).toEqual({
      name: 'Theo Tasker',
      rating: { average: 5, count: 1 },
      reviews: { edges: [{ node: { rating: 5, comment: 'Sturdy and fast.', author: { name: 'Rita Reviewer' }, task: { title: 'Assemble a bookshelf' } } }] },
    });
    const posterProfile = await eventually(
      () => gqlOk<Profile>(PROFILE, { id: poster.id }, { token: tasker.accessToken }),
      (p) => p.user.rating.count === 1,
      { what: "the poster's rating" },
    );
    expect(posterProfile.user.rating).toEqual({ average: 4, count: 1 });
  });
});
