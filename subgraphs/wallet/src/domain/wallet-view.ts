/** A user's ledger account as the wallet reads it (null: no money has ever moved). */
export interface UserAccount {
  id: string;
  currency: string;
  balanceMinor: number;
  heldMinor: number;
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
 * The wallet of `ownerId`; a user without an account has an empty wallet in the default
 * currency. The database enforces the same invariants; asserting them here means a broken
 * row fails loudly instead of showing someone money they do not have.
 */
export function walletView(ownerId: string, account: UserAccount | null, defaultCurrency: string): WalletView {
  if (!account) {
    return { ownerId, accountId: null, currency: defaultCurrency, balanceMinor: 0, heldMinor: 0, availableMinor: 0 };
  }
  const availableMinor = account.balanceMinor - account.heldMinor;
  if (account.heldMinor < 0 || availableMinor < 0) {
    throw new Error(`wallet invariant broken for account ${account.id}: balance ${account.balanceMinor}, held ${account.heldMinor}`);
  }
  return {
    ownerId,
    accountId: account.id,
    currency: account.currency,
    balanceMinor: account.balanceMinor,
    heldMinor: account.heldMinor,
    availableMinor,
  };
}
