import { randomUUID } from 'node:crypto';
import { ANONYMOUS, isUuid } from '@sx/core';
import { signSubgraphRequest } from '@sx/runtime';
import { SubgraphHttp } from './subgraph-http.js';

export interface KnownUsersOptions {
  /** How long "this user exists and may act" is believed before users is asked again. */
  ttlMs: number;
  /** How long "no such user" is believed (short: a refused token stays refused cheaply). */
  unknownTtlMs: number;
  maxEntries: number;
}

/** Asks users whether an account exists and may act; true or false, or throws when users cannot say. */
export type UserLookup = (userId: string) => Promise<boolean>;

/**
 * Whether the user a valid token names may act (issue 14, F4): the token proves who signed it,
 * not that the account still exists. One users call per user per `ttlMs`, kept in a bounded
 * in-process map (insertion order is age, so the oldest go first), never a call per request.
 * Users has no suspension or deletion yet; when it has, their events call `forget`.
 */
export class KnownUsers {
  private readonly answers = new Map<string, { active: boolean; until: number }>();
  private readonly pending = new Map<string, Promise<boolean>>();

  constructor(
    private readonly lookup: UserLookup,
    private readonly opts: KnownUsersOptions,
  ) {}

  async isActive(userId: string, now = Date.now()): Promise<boolean> {
    if (!isUuid(userId)) return false;
    const known = this.answers.get(userId);
    if (known && known.until > now) return known.active;
    // Concurrent first requests of one user share a single lookup.
    let asking = this.pending.get(userId);
    if (!asking) {
      asking = this.ask(userId, now).finally(() => this.pending.delete(userId));
      this.pending.set(userId, asking);
    }
    return asking;
  }

  forget(userId: string): void {
    this.answers.delete(userId);
  }

  private async ask(userId: string, now: number): Promise<boolean> {
    const active = await this.lookup(userId);
    this.answers.delete(userId);
    if (this.answers.size >= this.opts.maxEntries) {
      const oldest = this.answers.keys().next().value;
      if (oldest !== undefined) this.answers.delete(oldest);
    }
    this.answers.set(userId, { active, until: now + (active ? this.opts.ttlMs : this.opts.unknownTtlMs) });
    return active;
  }
}

const USER_EXISTS = 'query KnownUser($representations: [_Any!]!) { _entities(representations: $representations) { ... on User { id } } }';

/**
 * The users subgraph's answer through federation's `_entities`, signed like every gateway fetch
 * (anonymous: whether an id exists is no private fact). Returns the lookup and its closer.
 */
export function usersLookup(opts: { url: string; identityKey: string; timeoutMs: number }): { lookup: UserLookup; close: () => Promise<void> } {
  const http = new SubgraphHttp({ name: 'users', url: opts.url, timeoutMs: opts.timeoutMs, maxSockets: 8 });
  const lookup: UserLookup = async (userId) => {
    const body = JSON.stringify({ query: USER_EXISTS, variables: { representations: [{ __typename: 'User', id: userId }] } });
    const signed = signSubgraphRequest(ANONYMOUS, opts.identityKey, { subgraph: 'users', method: 'POST', body, requestId: randomUUID() });
    const reply = await http.post(body, { 'content-type': 'application/json', ...signed });
    const parsed = JSON.parse(reply.body) as { data?: { _entities?: ({ id?: string } | null)[] }; errors?: unknown[] };
    if (reply.status !== 200 || !parsed.data?._entities) throw new Error(`users could not say whether user ${userId} exists: HTTP ${reply.status} ${reply.body.slice(0, 200)}`);
    return parsed.data._entities[0]?.id === userId;
  };
  return { lookup, close: () => http.close() };
}
