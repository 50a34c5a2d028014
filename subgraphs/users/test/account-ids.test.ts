import { describe, expect, it } from 'vitest';
import { gql, subgraphGql } from '@sx/testkit';
import { newUser } from './accounts.js';

// Query.accountIds: the gateway's start-up read of which accounts exist (gateway/src/known-users-preload.ts).

const ACCOUNT_IDS = 'query($after: ID, $first: Int!) { accountIds(after: $after, first: $first) }';
const page = (after: string | null, first: number) => subgraphGql<{ accountIds: string[] }>('users', ACCOUNT_IDS, { after, first });

describe('accountIds', () => {
  it('pages through every account in id order, each once', async () => {
    const made = await Promise.all([newUser(), newUser(), newUser()]);
    const first = await page(null, 2);
    expect(first.errors).toBeUndefined();
    const ids = [...(first.data?.accountIds ?? [])];
    for (let after = ids.at(-1) ?? null; after !== null; ) {
      const next = (await page(after, 5_000)).data?.accountIds ?? [];
      ids.push(...next);
      after = next.length === 5_000 ? (next.at(-1) ?? null) : null;
    }
    expect(ids).toEqual([...ids].sort());
    expect(new Set(ids).size).toBe(ids.length);
    for (const user of made) expect(ids).toContain(user.session.user.id);
  });

  it('refuses a page larger than 5,000 or smaller than 1, and an after that is no id', async () => {
    for (const first of [0, 5_001]) expect((await page(null, first)).errors?.[0]?.extensions?.['reason']).toBe('PAGE_TOO_LARGE');
    expect((await page('not-an-id', 10)).errors?.[0]?.extensions?.['reason']).toBe('INVALID_CURSOR');
  });

  it('is not part of the public API: the gateway refuses it', async () => {
    const res = await gql('{ accountIds(first: 10) }');
    expect(res.status).toBe(400);
    expect(res.data ?? null).toBeNull();
    expect(res.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });
});
