import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { netBalances } from './balances.js';
import { suggestSettlement, type MemberBalance } from './settle-up.js';

/** Balances of n members that sum to zero: random debts between them, netted. */
const balances = fc
  .integer({ min: 2, max: 12 })
  .chain((n) =>
    fc.tuple(
      fc.constant(Array.from({ length: n }, (_, i) => `m${i.toString().padStart(2, '0')}`)),
      fc.array(fc.record({ d: fc.nat(n - 1), c: fc.nat(n - 1), amountMinor: fc.integer({ min: 1, max: 100_000 }) }), { maxLength: 40 }),
    ),
  )
  .map(([members, debts]) =>
    netBalances(
      members,
      debts.map(({ d, c, amountMinor }) => ({ debtorId: members[d] ?? '', creditorId: members[c] ?? '', amountMinor })),
      [],
    ),
  );

function apply(start: readonly MemberBalance[], transfers: ReturnType<typeof suggestSettlement>): Map<string, number> {
  const net = new Map(start.map((b) => [b.userId, b.netMinor]));
  for (const t of transfers) {
    net.set(t.fromUserId, (net.get(t.fromUserId) ?? 0) + t.amountMinor);
    net.set(t.toUserId, (net.get(t.toUserId) ?? 0) - t.amountMinor);
  }
  return net;
}

describe('suggestSettlement', () => {
  it('leaves every balance at zero with at most n − 1 positive transfers', () => {
    fc.assert(
      fc.property(balances, (start) => {
        const transfers = suggestSettlement(start);
        expect([...apply(start, transfers).values()].every((v) => v === 0)).toBe(true);
        const nonZero = start.filter((b) => b.netMinor !== 0).length;
        expect(transfers.length).toBeLessThanOrEqual(Math.max(0, nonZero - 1));
        expect(transfers.every((t) => t.amountMinor > 0 && t.fromUserId !== t.toUserId)).toBe(true);
      }),
    );
  });

  it('only ever asks someone who owes to pay someone who is owed', () => {
    fc.assert(
      fc.property(balances, (start) => {
        const byId = new Map(start.map((b) => [b.userId, b.netMinor]));
        for (const t of suggestSettlement(start)) {
          expect(byId.get(t.fromUserId)).toBeLessThan(0);
          expect(byId.get(t.toUserId)).toBeGreaterThan(0);
        }
      }),
    );
  });

  it('turns a chain of debts into one payment', () => {
    const start = netBalances(['a', 'b', 'c'], [{ debtorId: 'a', creditorId: 'b', amountMinor: 500 }, { debtorId: 'b', creditorId: 'c', amountMinor: 500 }], []);
    expect(suggestSettlement(start)).toEqual([{ fromUserId: 'a', toUserId: 'c', amountMinor: 500 }]);
  });

  it('counts payments back against what was owed', () => {
    const start = netBalances(['a', 'b'], [{ debtorId: 'a', creditorId: 'b', amountMinor: 500 }], [{ debtorId: 'a', creditorId: 'b', amountMinor: 200 }]);
    expect(start).toEqual([{ userId: 'a', netMinor: -300 }, { userId: 'b', netMinor: 300 }]);
    expect(suggestSettlement(start)).toEqual([{ fromUserId: 'a', toUserId: 'b', amountMinor: 300 }]);
  });

  it('refuses balances that do not sum to zero', () => {
    expect(() => suggestSettlement([{ userId: 'a', netMinor: 1 }])).toThrow(/not zero/);
  });
});
