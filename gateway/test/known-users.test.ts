import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createLogger } from '@sx/runtime';
import { KnownUsers } from '../src/known-users.js';
import { preloadKnownUsers } from '../src/known-users-preload.js';

/** A lookup that records the users of each call: the users subgraph stands behind it in the gateway. */
function countingLookup(existing: Set<string>) {
  const questions: string[][] = [];
  /** Every user asked about, in order, over all questions. */
  const calls: string[] = [];
  const lookup = async (userIds: readonly string[]) => {
    questions.push([...userIds]);
    calls.push(...userIds);
    return new Set(userIds.filter((id) => existing.has(id)));
  };
  return { questions, calls, lookup };
}

describe('known users (the gateway refuses tokens of users that do not exist)', () => {
  it('asks users once per user per TTL, and shares one question between concurrent requests', async () => {
    const alice = randomUUID();
    const { calls, lookup } = countingLookup(new Set([alice]));
    const known = new KnownUsers(lookup, { ttlMs: 60_000, unknownTtlMs: 5_000, maxEntries: 10 });
    expect(await Promise.all([known.isActive(alice, 0), known.isActive(alice, 0), known.isActive(alice, 0)])).toEqual([true, true, true]);
    expect(await known.isActive(alice, 59_999)).toBe(true);
    expect(calls).toEqual([alice]);
    expect(await known.isActive(alice, 60_001)).toBe(true);
    expect(calls).toEqual([alice, alice]);
  });

  it('believes "no such user" only briefly, and never asks about an id that cannot exist', async () => {
    const ghost = randomUUID();
    const existing = new Set<string>();
    const { calls, lookup } = countingLookup(existing);
    const known = new KnownUsers(lookup, { ttlMs: 60_000, unknownTtlMs: 5_000, maxEntries: 10 });
    expect(await known.isActive(ghost, 0)).toBe(false);
    existing.add(ghost); // the account appears (a sign-up that raced the first request)
    expect(await known.isActive(ghost, 4_000)).toBe(false);
    expect(await known.isActive(ghost, 5_001)).toBe(true);
    expect(await known.isActive('not-a-uuid', 0)).toBe(false);
    expect(calls).toEqual([ghost, ghost]);
  });

  it('stays within maxEntries, forgetting the oldest first', async () => {
    const ids = Array.from({ length: 3 }, () => randomUUID());
    const { calls, lookup } = countingLookup(new Set(ids));
    const known = new KnownUsers(lookup, { ttlMs: 60_000, unknownTtlMs: 5_000, maxEntries: 2 });
    for (const id of ids) await known.isActive(id, 0);
    await known.isActive(ids[2] ?? '', 1);
    await known.isActive(ids[0] ?? '', 1);
    expect(calls).toEqual([...ids, ids[0]]);
  });

  it('asks about the users of concurrent requests in one question, each answered for itself', async () => {
    const ids = Array.from({ length: 5 }, () => randomUUID());
    const ghost = randomUUID();
    const { questions, lookup } = countingLookup(new Set(ids));
    const known = new KnownUsers(lookup, { ttlMs: 60_000, unknownTtlMs: 5_000, maxEntries: 100 });
    const answers = await Promise.all([...ids, ghost, ids[0] ?? ''].map((id) => known.isActive(id, 0)));
    expect(answers).toEqual([true, true, true, true, true, false, true]);
    expect(questions).toEqual([[...ids, ghost]]);
    // Remembered from that one question: no more calls within the TTL.
    expect(await known.isActive(ids[4] ?? '', 1)).toBe(true);
    expect(questions).toHaveLength(1);
  });

  it('while a question is out, users first seen meanwhile wait for it and are asked about together next', async () => {
    const [first, second, third] = [randomUUID(), randomUUID(), randomUUID()];
    const questions: string[][] = [];
    let answerFirst!: () => void;
    const firstAnswered = new Promise<void>((resolve) => (answerFirst = resolve));
    const known = new KnownUsers(
      async (userIds) => {
        questions.push([...userIds]);
        if (questions.length === 1) await firstAnswered;
        return new Set(userIds);
      },
      { ttlMs: 60_000, unknownTtlMs: 5_000, maxEntries: 10 },
    );
    const nextTurn = () => new Promise((resolve) => setImmediate(resolve));
    const answers = [known.isActive(first, 0)];
    await nextTurn();
    // Two requests in two later turns, while the first question is still out.
    answers.push(known.isActive(second, 0));
    await nextTurn();
    answers.push(known.isActive(third, 0));
    await nextTurn();
    expect(questions).toEqual([[first]]);
    answerFirst();
    expect(await Promise.all(answers)).toEqual([true, true, true]);
    expect(questions).toEqual([[first], [second, third]]);
  });

  it('asks at most 100 users per question', async () => {
    const ids = Array.from({ length: 250 }, () => randomUUID());
    const { questions, lookup } = countingLookup(new Set(ids));
    const known = new KnownUsers(lookup, { ttlMs: 60_000, unknownTtlMs: 5_000, maxEntries: 1_000 });
    expect((await Promise.all(ids.map((id) => known.isActive(id, 0)))).every(Boolean)).toBe(true);
    expect(questions.map((q) => q.length)).toEqual([100, 100, 50]);
  });

  it('fails closed: an outage fails every request of the question, and the next request asks again', async () => {
    let down = true;
    const alice = randomUUID();
    const known = new KnownUsers(async (userIds) => (down ? Promise.reject(new Error('users is down')) : new Set(userIds)), { ttlMs: 60_000, unknownTtlMs: 5_000, maxEntries: 10 });
    const results = await Promise.allSettled([known.isActive(alice, 0), known.isActive(randomUUID(), 0)]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    down = false;
    expect(await known.isActive(alice, 0)).toBe(true);
  });

  it('fails closed: a users outage is an error, never a yes', async () => {
    const known = new KnownUsers(async () => Promise.reject(new Error('users is down')), { ttlMs: 60_000, unknownTtlMs: 5_000, maxEntries: 10 });
    await expect(known.isActive(randomUUID(), 0)).rejects.toThrow('users is down');
  });
});

describe('the start-up read of existing accounts (known-users-preload.ts)', () => {
  const silent = createLogger('known-users-test', 'silent');
  /** Pages of a sorted id list, as users answers accountIds; `failures` answers fail first. */
  function accountPages(ids: readonly string[], failures = 0) {
    const sorted = [...ids].sort();
    const asked: { after: string | null; limit: number }[] = [];
    let failing = failures;
    const accountIds = async (after: string | null, limit: number) => {
      asked.push({ after, limit });
      if (failing > 0) {
        failing -= 1;
        throw new Error('users is not up yet');
      }
      return sorted.filter((id) => after === null || id > after).slice(0, limit);
    };
    return { asked, accountIds };
  }
  const options = { signal: new AbortController().signal, log: silent, retryDelayMs: () => 1 };

  it('reads every account page by page, and none of them is asked about afterwards', async () => {
    const ids = Array.from({ length: 12_000 }, () => randomUUID());
    const { asked, accountIds } = accountPages(ids);
    const { calls, lookup } = countingLookup(new Set(ids));
    const known = new KnownUsers(lookup, { ttlMs: 60_000, unknownTtlMs: 5_000, maxEntries: 100_000 });
    expect(await preloadKnownUsers({ ...options, knownUsers: known, accountIds, maxUsers: 100_000 })).toBe(12_000);
    expect(asked.map((a) => a.limit)).toEqual([5_000, 5_000, 5_000]);
    expect(asked[1]?.after).toBe([...ids].sort()[4_999]);
    expect((await Promise.all(ids.slice(0, 50).map((id) => known.isActive(id)))).every(Boolean)).toBe(true);
    expect(calls).toEqual([]);
    // An account it did not read is still asked about, and refused when users does not know it.
    expect(await known.isActive(randomUUID())).toBe(false);
    expect(calls).toHaveLength(1);
  });

  it('stops at maxUsers and at the map bound, so it never evicts what requests taught', async () => {
    const ids = Array.from({ length: 30 }, () => randomUUID());
    const { asked, accountIds } = accountPages(ids);
    const capped = new KnownUsers(countingLookup(new Set(ids)).lookup, { ttlMs: 60_000, unknownTtlMs: 5_000, maxEntries: 100 });
    expect(await preloadKnownUsers({ ...options, knownUsers: capped, accountIds, maxUsers: 7 })).toBe(7);
    expect(asked).toEqual([{ after: null, limit: 7 }]);

    const taught = randomUUID();
    const full = new KnownUsers(countingLookup(new Set([...ids, taught])).lookup, { ttlMs: 60_000, unknownTtlMs: 5_000, maxEntries: 10 });
    await full.isActive(taught);
    expect(await preloadKnownUsers({ ...options, knownUsers: full, accountIds, maxUsers: 1_000 })).toBe(9);
    expect(full.knows(taught)).toBe(true);
    expect(full.full).toBe(true);
  });

  it('tries a failing page again, and gives up after its attempts with what it read', async () => {
    const ids = Array.from({ length: 3 }, () => randomUUID());
    const retried = accountPages(ids, 2);
    const known = new KnownUsers(countingLookup(new Set(ids)).lookup, { ttlMs: 60_000, unknownTtlMs: 5_000, maxEntries: 100 });
    expect(await preloadKnownUsers({ ...options, knownUsers: known, accountIds: retried.accountIds, maxUsers: 100 })).toBe(3);
    expect(retried.asked).toHaveLength(3);

    const down = accountPages(ids, 1_000);
    const none = new KnownUsers(countingLookup(new Set(ids)).lookup, { ttlMs: 60_000, unknownTtlMs: 5_000, maxEntries: 100 });
    expect(await preloadKnownUsers({ ...options, knownUsers: none, accountIds: down.accountIds, maxUsers: 100 })).toBe(0);
    expect(down.asked).toHaveLength(8);
    expect(none.knows(ids[0] ?? '')).toBe(false);
  });

  it('replaces a "no such user" held from before the account was committed', async () => {
    const late = randomUUID();
    const known = new KnownUsers(countingLookup(new Set()).lookup, { ttlMs: 60_000, unknownTtlMs: 5_000, maxEntries: 10 });
    expect(await known.isActive(late)).toBe(false);
    expect(known.preload([late])).toBe(1);
    expect(await known.isActive(late)).toBe(true);
  });
});
