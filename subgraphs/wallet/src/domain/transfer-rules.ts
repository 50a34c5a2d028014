import { InsufficientFunds } from '@sx/core';
import type { AccountKind } from './ledger-kinds.js';
import { assertInvariant } from './invariant.js';
import { formatMoney } from './money-format.js';

/** An account as the posting sees it, locked. */
export interface AccountBalance {
  id: string;
  kind: AccountKind;
  currency: string;
  balanceMinor: number;
}

export interface BalancesAfter {
  debitBalanceMinor: number;
  creditBalanceMinor: number;
}

/** The rules every account obeys at every moment; the accounts table holds the same CHECKs. */
export function assertAccountInvariants(account: AccountBalance): void {
  const { id, kind, balanceMinor } = account;
  assertInvariant(Number.isSafeInteger(balanceMinor), `account ${id} has a non-integer balance`);
  if (kind === 'external') return;
  assertInvariant(balanceMinor >= 0, `${kind} account ${id} has balance ${balanceMinor}`);
}

/**
 * Moves `amountMinor` from `debit` to `credit`: the balances both accounts have afterwards.
 * Only the external account (the outside world's mirror) may go negative; a user who lacks the
 * available money gets InsufficientFunds, any other account lacking it is a bug.
 */
export function applyTransfer(debit: AccountBalance, credit: AccountBalance, amountMinor: number, currency: string): BalancesAfter {
  assertInvariant(Number.isSafeInteger(amountMinor) && amountMinor > 0, `transfer amount ${amountMinor} is not a positive integer`);
  assertInvariant(debit.id !== credit.id, `transfer from account ${debit.id} to itself`);
  assertInvariant(debit.currency === currency && credit.currency === currency, `transfer in ${currency} between ${debit.currency} and ${credit.currency} accounts`);
  assertAccountInvariants(debit);
  assertAccountInvariants(credit);

  // Money held for a bid has already left the user's account for the payment's escrow account,
  // so a user's whole balance is what they can spend.
  const availableMinor = debit.balanceMinor;
  if (debit.kind !== 'external' && availableMinor < amountMinor) {
    if (debit.kind === 'user') {
      throw new InsufficientFunds(
        'INSUFFICIENT_FUNDS',
        `Your available balance is ${formatMoney(availableMinor, currency)}, less than the ${formatMoney(amountMinor, currency)} this needs; deposit money or use a smaller amount.`,
      );
    }
    assertInvariant(false, `${debit.kind} account ${debit.id} cannot pay ${amountMinor} from ${availableMinor}`);
  }

  const after: BalancesAfter = {
    debitBalanceMinor: debit.balanceMinor - amountMinor,
    creditBalanceMinor: credit.balanceMinor + amountMinor,
  };
  // Double entry: what leaves one account arrives in the other, not a cent more or less.
  assertInvariant(
    after.debitBalanceMinor + after.creditBalanceMinor === debit.balanceMinor + credit.balanceMinor,
    'transfer changed the sum of its two accounts',
  );
  assertAccountInvariants({ ...debit, balanceMinor: after.debitBalanceMinor });
  assertAccountInvariants({ ...credit, balanceMinor: after.creditBalanceMinor });
  return after;
}
