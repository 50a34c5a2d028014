import type { MemberBalance } from './settle-up.js';

/** What moves balances: a share owed by `debtorId` to `creditorId`, or a payment between them. */
export interface Obligation {
  debtorId: string;
  creditorId: string;
  amountMinor: number;
}

/**
 * Net balances from what was owed and what was paid back. A share makes its debtor owe its
 * creditor (the payer); a settlement (a paid share or a settle-up payment) moves the same amount
 * back. Members with nothing in the books appear with zero. The result always sums to zero.
 */
export function netBalances(memberIds: readonly string[], owed: readonly Obligation[], paid: readonly Obligation[]): MemberBalance[] {
  const net = new Map<string, number>(memberIds.map((id) => [id, 0]));
  const move = (from: string, to: string, amountMinor: number) => {
    net.set(from, (net.get(from) ?? 0) - amountMinor);
    net.set(to, (net.get(to) ?? 0) + amountMinor);
  };
  for (const o of owed) if (o.debtorId !== o.creditorId) move(o.debtorId, o.creditorId, o.amountMinor);
  for (const p of paid) move(p.creditorId, p.debtorId, p.amountMinor);
  return [...net].map(([userId, netMinor]) => ({ userId, netMinor }));
}
