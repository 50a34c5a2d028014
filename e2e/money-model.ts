/** A small in-memory model of the money rules: what balances a sequence of operations must give. */
export type MoneyOp =
  | { kind: 'deposit'; user: number; amount: number }
  | { kind: 'withdraw'; user: number; amount: number }
  | { kind: 'send'; from: number; to: number; amount: number }
  | { kind: 'task'; poster: number; tasker: number; amount: number; outcome: TaskOutcome };

/**
 * How a task's escrow ends: released on completion; refunded on a cancel or the assignee's
 * withdrawal; split by an admin's dispute decision (`disputeRefundOf` back to the poster, the
 * rest released minus its fee); or a dismissed dispute, after which the task completes.
 */
export type TaskOutcome = 'complete' | 'cancel' | 'withdraw' | 'dispute-split' | 'dispute-dismiss';

/** The refund part of a disputed task's split in the mixes: a third of the amount, rounded down. */
export function disputeRefundOf(amountMinor: number): number {
  return Math.floor(amountMinor / 3);
}

export const FEE_BPS = 1000;

/** docs/saga.md: the fee rounds half up to the minor unit. */
export function feeOf(amountMinor: number): number {
  return Math.floor((amountMinor * FEE_BPS + 5000) / 10000);
}

/** Applies the operations one at a time; every operation is sized to succeed. */
export function modelBalances(users: number, ops: readonly MoneyOp[]): { balances: number[]; platform: number } {
  const balances = new Array<number>(users).fill(0);
  let platform = 0;
  const add = (i: number, d: number) => {
    balances[i] = (balances[i] ?? 0) + d;
  };
  for (const op of ops) {
    if (op.kind === 'deposit') add(op.user, op.amount);
    if (op.kind === 'withdraw') add(op.user, -op.amount);
    if (op.kind === 'send') {
      add(op.from, -op.amount);
      add(op.to, op.amount);
    }
    if (op.kind === 'task') {
      // What is released to the tasker; the fee is taken on it alone.
      const refund = op.outcome === 'dispute-split' ? disputeRefundOf(op.amount) : releasesAll(op.outcome) ? 0 : op.amount;
      const released = op.amount - refund;
      add(op.poster, -released);
      add(op.tasker, released - feeOf(released));
      platform += feeOf(released);
    }
  }
  return { balances, platform };
}

const releasesAll = (outcome: TaskOutcome) => outcome === 'complete' || outcome === 'dispute-dismiss';

/** mulberry32: a tiny seeded PRNG, so a failing mix can be replayed from its seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A random mix sized so that every operation succeeds whatever the interleaving: each user starts
 * with `opening` and can pay out at most `opening / 2` in total. With no refusals the final
 * balances do not depend on the order, so a concurrent run must match the sequential model.
 */
export function randomOps(seed: number, users: number, count: number, opening: number): MoneyOp[] {
  const random = seededRandom(seed);
  const pick = (n: number) => Math.floor(random() * n);
  const budget = new Array<number>(users).fill(opening / 2);
  const ops: MoneyOp[] = [];
  while (ops.length < count) {
    const roll = random();
    const a = pick(users);
    const b = (a + 1 + pick(users - 1)) % users;
    const amount = 100 + pick(1900);
    // Deposits are always possible; an outflow only while the payer's budget lasts.
    if (roll < 0.2 || (budget[a] ?? 0) < amount) ops.push({ kind: 'deposit', user: a, amount });
    else {
      budget[a] = (budget[a] ?? 0) - amount;
      if (roll < 0.35) ops.push({ kind: 'withdraw', user: a, amount });
      else if (roll < 0.65) ops.push({ kind: 'send', from: a, to: b, amount });
      else ops.push({ kind: 'task', poster: a, tasker: b, amount, outcome: pickOutcome(random()) });
    }
  }
  return ops;
}

/** complete 45 %, cancel 20 %, withdraw 10 %, dispute split 15 %, dispute dismissed 10 %. */
function pickOutcome(roll: number): TaskOutcome {
  if (roll < 0.45) return 'complete';
  if (roll < 0.65) return 'cancel';
  if (roll < 0.75) return 'withdraw';
  return roll < 0.9 ? 'dispute-split' : 'dispute-dismiss';
}
