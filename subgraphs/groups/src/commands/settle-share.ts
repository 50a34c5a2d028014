import { Conflict, Forbidden, NotFound } from '@sx/core';
import { groupShareSettled, type Actor, type Caller } from '@sx/events';
import type { Tx } from '@sx/runtime';
import { insertSettlement, lockShare, type ShareView } from '../db/expense-queries.js';
import { findRole } from '../db/membership-queries.js';
import type { GroupsDeps } from '../deps.js';
import { recordGroupEvent } from '../events/group-events.js';

const shareNotFound = () => new NotFound('SHARE_NOT_FOUND', 'No expense share has this id in a group you belong to.');

/** How a share was paid: a wallet transfer (its id), or outside the app as its creditor says. */
export type SharePayment = { method: 'IN_APP'; walletTransactionId: string } | { method: 'OUTSIDE'; recordedBy: string };

/**
 * Settles an open share once, in the caller's transaction (the share row is locked, so a wallet
 * transfer and the creditor's "paid outside" cannot both count). Returns the share as settled.
 */
export async function settleShare(tx: Tx, share: ShareView, payment: SharePayment, actor: Actor): Promise<ShareView> {
  const settlement = await insertSettlement(tx, {
    groupId: share.groupId,
    fromUserId: share.debtorId,
    toUserId: share.creditorId,
    amountMinor: share.amountMinor,
    currency: share.currency,
    shareId: share.id,
    method: payment.method,
    walletTransactionId: payment.method === 'IN_APP' ? payment.walletTransactionId : null,
    recordedBy: payment.method === 'OUTSIDE' ? payment.recordedBy : null,
  });
  if (!settlement) return share;
  await recordGroupEvent(
    tx,
    groupShareSettled,
    {
      shareId: share.id,
      expenseId: share.expenseId,
      groupId: share.groupId,
      debtorId: share.debtorId,
      creditorId: share.creditorId,
      amount: { amountMinor: share.amountMinor, currency: share.currency },
      method: payment.method,
    },
    actor,
  );
  return { ...share, settlement: { method: settlement.method, createdAt: settlement.createdAt } };
}

/** The member a share is owed to confirms it was paid outside the app. */
export function markSharePaid(deps: GroupsDeps, command: { caller: Caller; shareId: string }): Promise<ShareView> {
  const { caller, shareId } = command;
  return deps.db.transaction(async (tx) => {
    const share = await lockShare(tx, shareId);
    // Outsiders learn nothing: an existing share of another group is "not found" too.
    if (!share || !(await findRole(tx, share.groupId, caller.userId))) throw shareNotFound();
    if (share.creditorId !== caller.userId) {
      throw new Forbidden('NOT_SHARE_CREDITOR', 'Only the member this share is owed to can confirm it was paid outside the app.');
    }
    if (share.settlement || share.debtorId === share.creditorId) throw new Conflict('SHARE_ALREADY_PAID', 'This share is already settled.');
    return settleShare(tx, share, { method: 'OUTSIDE', recordedBy: caller.userId }, caller.actor);
  });
}
