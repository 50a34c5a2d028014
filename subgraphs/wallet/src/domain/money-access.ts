import { type Identity, isAdmin } from '@sx/core';

/**
 * A wallet is private to its owner, admins included: support works from the ledger, not by
 * browsing wallets through the API.
 */
export function canSeeWallet(viewer: Identity, ownerId: string): boolean {
  return viewer.userId !== null && viewer.userId === ownerId;
}

/** An escrow payment concerns its payer (the poster) and payee (the tasker); admins see all. */
export function canSeePayment(viewer: Identity, payment: { payerId: string; payeeId: string }): boolean {
  if (isAdmin(viewer)) return true;
  return viewer.userId !== null && (viewer.userId === payment.payerId || viewer.userId === payment.payeeId);
}
