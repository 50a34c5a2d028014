import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { KnownUsers } from '../src/known-users.js';

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
