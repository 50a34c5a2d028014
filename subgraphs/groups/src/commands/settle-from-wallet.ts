import type { EventEnvelope, moneySent, PayloadOf } from '@sx/events';
import type { Logger, Tx } from '@sx/runtime';
import { insertSettlement, lockShare } from '../db/expense-queries.js';
import { memberIdsOf } from '../db/membership-queries.js';
import { parsePaymentReference } from '../domain/payment-note.js';
import { settleShare } from './settle-share.js';

type MoneySent = EventEnvelope<PayloadOf<typeof moneySent>>;

/**
 * wallet.money.sent with a group reference in its note: the transfer pays a share (settled if it
 * is exactly that share, from its debtor to its creditor) or is a settle-up payment between two
 * members. Money that really moved between members always counts in their balances, once per
 * wallet transfer (a unique index), however often the event is delivered.
 */
export async function settleFromWallet(tx: Tx, event: MoneySent, log: Logger): Promise<void> {
  const { transactionId, senderId, recipientId, amount, note } = event.data;
  const ref = parsePaymentReference(note);
  if (!ref) return;
  let groupId = ref.kind === 'group' ? ref.groupId : null;
  if (ref.kind === 'share') {
    const share = await lockShare(tx, ref.shareId);
    if (!share) return;
    const exact =
      !share.settlement && share.debtorId === senderId && share.creditorId === recipientId && share.amountMinor === amount.amountMinor && share.currency === amount.currency;
    if (exact) {
      await settleShare(tx, share, { method: 'IN_APP', walletTransactionId: transactionId }, event.actor);
      log.info({ shareId: share.id, transactionId }, 'expense share paid in the app');
      return;
    }
    groupId = share.groupId;
  }
  if (!groupId) return;
  const members = await memberIdsOf(tx, groupId);
  if (!members.has(senderId) || !members.has(recipientId)) {
    log.info({ groupId, transactionId }, 'wallet transfer names a group its people do not both belong to; not counted');
    return;
  }
  await insertSettlement(tx, {
    groupId,
    fromUserId: senderId,
    toUserId: recipientId,
    amountMinor: amount.amountMinor,
    currency: amount.currency,
    shareId: null,
    method: 'IN_APP',
    walletTransactionId: transactionId,
    recordedBy: null,
  });
  log.info({ groupId, transactionId }, 'settle-up payment counted');
}
