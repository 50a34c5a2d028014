import { randomUUID } from 'node:crypto';
import { ANONYMOUS } from '@sx/core';
import { signSubgraphRequest } from '@sx/runtime';
import type { UserLookup } from './known-users.js';
import { SubgraphHttp } from './subgraph-http.js';

/** One page of account ids in id order, after `after` (null: from the start). */
export type AccountIdPage = (after: string | null, limit: number) => Promise<string[]>;

export interface UsersClient {
  /** Which of these accounts exist (KnownUsers' question). */
  lookup: UserLookup;
  /** Account ids, a page at a time (the start-up read, known-users-preload.ts). */
  accountIds: AccountIdPage;
  close: () => Promise<void>;
}

const USER_EXISTS = 'query KnownUser($representations: [_Any!]!) { _entities(representations: $representations) { ... on User { id } } }';
// Query.accountIds is @inaccessible: the gateway asks users for it directly, clients cannot.
const ACCOUNT_IDS = 'query KnownAccountIds($after: ID, $first: Int!) { accountIds(after: $after, first: $first) }';

/**
 * The gateway's own questions to users, signed like every gateway fetch (anonymous: whether
 * an account exists is no private fact, and the id list is not in the public API).
 */
export function usersClient(opts: { url: string; identityKey: string; timeoutMs: number }): UsersClient {
  const http = new SubgraphHttp({ name: 'users', url: opts.url, timeoutMs: opts.timeoutMs, maxSockets: 8 });
  const ask = async <T>(query: string, variables: Record<string, unknown>, what: string): Promise<T> => {
    const body = JSON.stringify({ query, variables });
    // Signed when a connection is free, not when queued (subgraph-http.ts).
    const reply = await http.post(body, () => ({
      'content-type': 'application/json',
      ...signSubgraphRequest(ANONYMOUS, opts.identityKey, { subgraph: 'users', method: 'POST', body, requestId: randomUUID() }),
    }));
    const parsed = JSON.parse(reply.body) as { data?: T | null };
    if (reply.status !== 200 || !parsed.data) {
      throw new Error(`users could not say ${what}: HTTP ${reply.status} ${reply.body.slice(0, 200)}`);
    }
    return parsed.data;
  };
  const lookup: UserLookup = async (userIds) => {
    const representations = userIds.map((id) => ({ __typename: 'User', id }));
    const what = `whether ${userIds.length} user(s) exist`;
    const data = await ask<{ _entities?: ({ id?: string } | null)[] }>(USER_EXISTS, { representations }, what);
    const entities = data._entities;
    if (!entities || entities.length !== userIds.length) throw new Error(`users could not say ${what}: ${entities?.length ?? 'no'} answers`);
    // _entities answers in the order asked, null where no such user.
    return new Set(userIds.filter((id, i) => entities[i]?.id === id));
  };
  const accountIds: AccountIdPage = async (after, limit) => {
    const data = await ask<{ accountIds?: string[] }>(ACCOUNT_IDS, { after, first: limit }, `which accounts exist after ${after ?? 'the first'}`);
    if (!Array.isArray(data.accountIds)) throw new Error('users answered accountIds without a list');
    return data.accountIds;
  };
  return { lookup, accountIds, close: () => http.close() };
}
