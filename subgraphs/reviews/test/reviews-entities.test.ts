import { describe, expect, it } from 'vitest';
import { subgraphGql } from '@sx/testkit';

const USER_ID = '7c9e6679-7425-40de-944b-e07fc1f90ae7';

describe('reviews subgraph entities', () => {
  it('gives a user with no reviews a zero count, no average and an empty page', async () => {
    const res = await subgraphGql<{ _entities: unknown[] }>(
      'reviews',
      `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on User { rating { average count } reviews(first: 5) { edges { cursor } pageInfo { hasNextPage endCursor } } } } }`,
      { reps: [{ __typename: 'User', id: USER_ID }] },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?._entities).toEqual([
      { rating: { average: null, count: 0 }, reviews: { edges: [], pageInfo: { hasNextPage: false, endCursor: null } } },
    ]);
  });

  it('refuses a page size over the maximum with BAD_USER_INPUT', async () => {
    const res = await subgraphGql(
      'reviews',
      `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Task { reviews(first: 101) { edges { cursor } } } } }`,
      { reps: [{ __typename: 'Task', id: USER_ID }] },
    );
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0]?.message).toContain('at most 100');
  });

  it('refuses a malformed cursor with BAD_USER_INPUT', async () => {
    const res = await subgraphGql(
      'reviews',
      `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on User { reviews(after: "not-a-cursor") { edges { cursor } } } } }`,
      { reps: [{ __typename: 'User', id: USER_ID }] },
    );
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
