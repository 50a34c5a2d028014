import { netBalances, type Obligation } from './balances.js';
import { suggestSettlement, type MemberBalance, type SuggestedTransfer } from './settle-up.js';

/** A share or a payment as the books hold it. */
export interface LedgerLine {
  amountMinor: number;
  currency: string;
}

/** Balances never mix currencies: each is netted and settled on its own. */
export interface CurrencyBooks {
  currency: string;
  balances: MemberBalance[];
  transfers: SuggestedTransfer[];
}

/**
 * The group's books per currency: every member's net position (members present with zero) and
 * the payments that settle it. `owed` are shares (debtor owes creditor), `paid` payments back.
 */
export function groupBooks(
  memberIds: readonly string[],
  owed: readonly (LedgerLine & { debtorId: string; creditorId: string })[],
  paid: readonly (LedgerLine & { fromUserId: string; toUserId: string })[],
): CurrencyBooks[] {
  const currencies = [...new Set([...owed, ...paid].map((l) => l.currency))].sort();
  return currencies.map((currency) => {
    const owedHere: Obligation[] = owed.filter((l) => l.currency === currency);
    const paidHere: Obligation[] = paid.filter((l) => l.currency === currency).map((p) => ({ debtorId: p.fromUserId, creditorId: p.toUserId, amountMinor: p.amountMinor }));
    const balances = netBalances(memberIds, owedHere, paidHere);
    return { currency, balances, transfers: suggestSettlement(balances) };
  });
}

/** Whether a member owes or is owed anything, in any currency. */
export function hasOpenBalance(books: readonly CurrencyBooks[], userId: string): boolean {
  return books.some((b) => b.balances.some((x) => x.userId === userId && x.netMinor !== 0));
}
