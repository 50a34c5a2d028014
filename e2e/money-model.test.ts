import { describe, expect, it } from 'vitest';
import { disputeRefundOf, feeOf, modelBalances, randomOps } from './money-model.js';

describe('the in-memory money model', () => {
  it('rounds the 10 % fee half up to the cent', () => {
    expect([1, 4, 5, 994, 995, 999, 1000].map(feeOf)).toEqual([0, 0, 1, 99, 100, 100, 100]);
  });

  it('conserves money: users plus platform gain exactly what was deposited minus withdrawn', () => {
    const ops = randomOps(7, 5, 200, 100_000);
    const { balances, platform } = modelBalances(5, ops);
    const deposited = ops.reduce((s, o) => s + (o.kind === 'deposit' ? o.amount : 0), 0);
    const withdrawn = ops.reduce((s, o) => s + (o.kind === 'withdraw' ? o.amount : 0), 0);
    expect(balances.reduce((s, b) => s + b, 0) + platform).toBe(deposited - withdrawn);
  });

  it('charges the fee on the released part of a disputed task only', () => {
    const split = modelBalances(2, [
      { kind: 'deposit', user: 0, amount: 10_000 },
      { kind: 'task', poster: 0, tasker: 1, amount: 7_005, outcome: 'dispute-split' },
    ]);
    const released = 7_005 - disputeRefundOf(7_005);
    expect(released).toBe(4_670);
    expect(split).toEqual({ balances: [10_000 - released, released - 467], platform: 467 });
    for (const outcome of ['cancel', 'withdraw'] as const) {
      expect(modelBalances(2, [{ kind: 'deposit', user: 0, amount: 5_000 }, { kind: 'task', poster: 0, tasker: 1, amount: 5_000, outcome }])).toEqual({ balances: [5_000, 0], platform: 0 });
    }
  });

  it('mixes every ending of a task into a run', () => {
    const outcomes = new Set(randomOps(20261125, 5, 36, 100_000).flatMap((o) => (o.kind === 'task' ? [o.outcome] : [])));
    expect([...outcomes].sort()).toEqual(['cancel', 'complete', 'dispute-dismiss', 'dispute-split', 'withdraw']);
  });

  it('never plans more outflow for a user than half an opening balance', () => {
    const ops = randomOps(11, 4, 300, 10_000);
    const out = new Array<number>(4).fill(0);
    for (const o of ops) {
      if (o.kind === 'withdraw') out[o.user] = (out[o.user] ?? 0) + o.amount;
      if (o.kind === 'send') out[o.from] = (out[o.from] ?? 0) + o.amount;
      if (o.kind === 'task') out[o.poster] = (out[o.poster] ?? 0) + o.amount;
    }
    expect(Math.max(...out)).toBeLessThanOrEqual(5_000);
  });
});
