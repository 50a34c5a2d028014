/** A member's net position in one currency: positive = is owed, negative = owes (minor units). */
export interface MemberBalance {
  userId: string;
  netMinor: number;
}

/** One suggested payment from a member who owes to one who is owed. */
export interface SuggestedTransfer {
  fromUserId: string;
  toUserId: string;
  amountMinor: number;
}

/**
 * Payments that bring every balance to zero: the largest debtor pays the largest creditor as much
 * as both allow, repeatedly. Each payment clears at least one member, so n members with a
 * non-zero balance need at most n − 1 payments. (The true minimum is NP-hard in general —
 * it is n minus the most zero-sum subgroups; this greedy rule reaches n − 1 and is what users
 * of split-bill apps expect.) Balances must sum to zero.
 */
export function suggestSettlement(balances: readonly MemberBalance[]): SuggestedTransfer[] {
  const total = balances.reduce((s, b) => s + b.netMinor, 0);
  if (total !== 0) throw new Error(`balances sum to ${total}, not zero`);
  // Sorted once by id so equal amounts always give the same suggestion.
  const open = balances.filter((b) => b.netMinor !== 0).map((b) => ({ ...b })).sort((a, b) => a.userId.localeCompare(b.userId));
  const transfers: SuggestedTransfer[] = [];
  for (;;) {
    const creditor = pick(open, (b) => b.netMinor > 0, (a, b) => b.netMinor - a.netMinor);
    const debtor = pick(open, (b) => b.netMinor < 0, (a, b) => a.netMinor - b.netMinor);
    if (!creditor || !debtor) return transfers;
    const amountMinor = Math.min(creditor.netMinor, -debtor.netMinor);
    transfers.push({ fromUserId: debtor.userId, toUserId: creditor.userId, amountMinor });
    creditor.netMinor -= amountMinor;
    debtor.netMinor += amountMinor;
  }
}

function pick<T>(items: T[], keep: (t: T) => boolean, order: (a: T, b: T) => number): T | undefined {
  let best: T | undefined;
  for (const item of items) if (keep(item) && (best === undefined || order(item, best) < 0)) best = item;
  return best;
}
