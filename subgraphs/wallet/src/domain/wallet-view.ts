/** A user's ledger account as the wallet reads it (null: no money has ever moved). */
export interface UserAccount {
  id: string;
  currency: string;
  /** The account's own balance: money held for a bid has already left it for escrow. */
  balanceMinor: number;
  /** What the user's HELD payments as payer keep in escrow, in this currency. */
  escrowHeldMinor: number;
}

/** What User.wallet shows: balance = available + held. */
export interface WalletView {
  ownerId: string;
  /** null until the wallet's first transfer opens the account. */
  accountId: string | null;
  currency: string;
  balanceMinor: number;
  heldMinor: number;
  availableMinor: number;
}

/**
 * The wallet of `ownerId`: what the account holds is available; what sits in escrow for the
 * user's accepted bids is held and still counts towards the balance, as it is theirs until the
 * task is completed. The database enforces the same invariants; asserting them here means a
 * broken row fails loudly instead of showing someone money they do not have.
 */
export function walletView(ownerId: string, account: UserAccount | null, defaultCurrency: string): WalletView {
  if (!account) {
    return { ownerId, accountId: null, currency: defaultCurrency, balanceMinor: 0, heldMinor: 0, availableMinor: 0 };
  }
  const { balanceMinor: availableMinor, escrowHeldMinor: heldMinor } = account;
  if (availableMinor < 0 || heldMinor < 0) {
    throw new Error(`wallet invariant broken for account ${account.id}: available ${availableMinor}, held ${heldMinor}`);
  }
  return { ownerId, accountId: account.id, currency: account.currency, balanceMinor: availableMinor + heldMinor, heldMinor, availableMinor };
}
