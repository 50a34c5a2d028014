import { appendEvent, buildEnvelope, outboxChannel, moneyDeposited, moneySent, moneyWithdrawn, type Actor, type Executor } from '@sx/events';
import type { AccountRow, TransferRow } from '../db/tables.js';
import { outbox } from '../db/tables.js';

const SERVICE = 'wallet';

const amountOf = (t: TransferRow) => ({ amountMinor: t.amountMinor, currency: t.currency });
const balance = (amountMinor: number | null, currency: string) => {
  if (amountMinor === null) throw new Error('transfer without a recorded balance');
  return { amountMinor, currency };
};

/** A movement between a user's wallet and the outside world, seen from the wallet. */
interface WalletMovement {
  transfer: TransferRow;
  wallet: AccountRow;
  userId: string;
}

function movementData({ transfer, wallet, userId }: WalletMovement) {
  const side = transfer.creditAccountId === wallet.id ? transfer.creditBalanceAfterMinor : transfer.debitBalanceAfterMinor;
  return { transactionId: transfer.id, userId, walletId: wallet.id, amount: amountOf(transfer), balanceAfter: balance(side, transfer.currency) };
}

/** Written in the transaction that posted the deposit. */
export function recordMoneyDeposited(tx: Executor, movement: WalletMovement, actor: Actor) {
  return appendEvent(tx, outbox, moneyDeposited, movementData(movement), { service: SERVICE, actor });
}

/** Written in the transaction that recorded the provider's payout. */
export function recordMoneyWithdrawn(tx: Executor, movement: WalletMovement, actor: Actor) {
  return appendEvent(tx, outbox, moneyWithdrawn, movementData(movement), { service: SERVICE, actor });
}

/** Written in the transaction that posted the send, under both accounts' locks. */
export function recordMoneySent(tx: Executor, posted: { transfer: TransferRow; debit: AccountRow; credit: AccountRow }, actor: Actor) {
  const { transfer, debit, credit } = posted;
  if (debit.ownerId === null || credit.ownerId === null) throw new Error(`send ${transfer.id} between non-user accounts`);
  return appendEvent(
    tx,
    outbox,
    moneySent,
    {
      transactionId: transfer.id,
      senderId: debit.ownerId,
      recipientId: credit.ownerId,
      senderWalletId: debit.id,
      recipientWalletId: credit.id,
      amount: amountOf(transfer),
      senderBalanceAfter: balance(transfer.debitBalanceAfterMinor, transfer.currency),
      recipientBalanceAfter: balance(transfer.creditBalanceAfterMinor, transfer.currency),
      note: transfer.note,
    },
    { service: SERVICE, actor },
  );
}

/** What a send's event says before its wallets are locked. */
export interface SendToRecord {
  transferId: string;
  senderId: string;
  recipientId: string;
  amountMinor: number;
  currency: string;
  note: string | null;
}

/**
 * The wallet.money.sent event of a send posted in one statement (db/send-in-one-statement.ts),
 * validated here with stand-ins for the wallet ids and balances that only the locks tell; the
 * statement puts the real ones in (same types, so the event stays valid).
 */
export function moneySentEnvelope(send: SendToRecord, actor: Actor) {
  const standIn = { amountMinor: 0, currency: send.currency };
  const event = buildEnvelope(
    moneySent,
    {
      transactionId: send.transferId,
      senderId: send.senderId,
      recipientId: send.recipientId,
      senderWalletId: send.transferId,
      recipientWalletId: send.transferId,
      amount: { amountMinor: send.amountMinor, currency: send.currency },
      senderBalanceAfter: standIn,
      recipientBalanceAfter: standIn,
      note: send.note,
    },
    { actor },
  );
  return { event, channel: outboxChannel(SERVICE) };
}
