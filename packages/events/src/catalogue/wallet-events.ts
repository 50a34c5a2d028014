import { z } from 'zod';
import { defineEvent } from './define.js';
import { moneySchema, uuid } from './shared-fields.js';

/** A wallet's balance after a transfer: zero or more minor units (a user's balance never goes below zero). */
const balanceSchema = z.object({ amountMinor: z.number().int().nonnegative(), currency: z.string().length(3) });

/** Fields of a movement between a user's wallet and the outside world. */
const walletMovement = {
  /** The ledger transfer; WalletTransaction.id in the API. */
  transactionId: uuid,
  userId: uuid,
  /** The user's wallet account in the transfer's currency (the aggregate: events of one wallet keep their order). */
  walletId: uuid,
  amount: moneySchema,
  balanceAfter: balanceSchema,
};

/** Money paid in through the payment provider arrived in a user's wallet. */
export const moneyDeposited = defineEvent({
  type: 'wallet.money.deposited',
  schema: z.object(walletMovement),
  aggregateId: (d) => d.walletId,
});

/** The payment provider paid money out of a user's wallet (published once the payout succeeded). */
export const moneyWithdrawn = defineEvent({
  type: 'wallet.money.withdrawn',
  schema: z.object(walletMovement),
  aggregateId: (d) => d.walletId,
});

/** A user sent money to another user; one event tells both (SENT for the sender, RECEIVED for the recipient). */
export const moneySent = defineEvent({
  type: 'wallet.money.sent',
  schema: z.object({
    transactionId: uuid,
    senderId: uuid,
    recipientId: uuid,
    senderWalletId: uuid,
    recipientWalletId: uuid,
    amount: moneySchema,
    senderBalanceAfter: balanceSchema,
    recipientBalanceAfter: balanceSchema,
    note: z.string().nullable(),
  }),
  aggregateId: (d) => d.senderWalletId,
});

export const WALLET_EVENTS = [moneyDeposited, moneyWithdrawn, moneySent];
