import { DateTimeScalar } from '@sx/runtime';
import { emptyConnection, parseTimePageArgs, timePosition, toApiMoney, toConnection } from '@sx/core';
import type { WalletDeps } from '../deps.js';
import { canSeePayment } from '../domain/money-access.js';
import type { Resolvers } from '../generated/resolvers-types.js';
import { deposit } from './mutation/deposit.js';
import { sendMoney } from './mutation/send-money.js';
import { withdraw } from './mutation/withdraw.js';
import { paymentEventQuery } from './payment-event.js';
import { setPayoutDestination } from './mutation/set-payout-destination.js';
import { payoutRunFields, payoutRuns } from './query/payout-runs.js';
import { userFields } from './user-fields.js';
import { userWalletsQuery } from './user-wallets.js';
import { toWalletTransaction } from './wallet-transaction.js';

export function createResolvers(deps: WalletDeps, opts: { defaultCurrency: string }): Resolvers {
  return {
    DateTime: DateTimeScalar,
    Query: { paymentEvent: paymentEventQuery, payoutRuns, userWallets: userWalletsQuery },
    Mutation: {
      deposit: deposit(deps),
      withdraw: withdraw(deps),
      sendMoney: sendMoney(deps),
      setPayoutDestination: setPayoutDestination(deps),
    },
    User: userFields(opts),
    PayoutDestination: { accountNumberMasked: (d) => d.accountMask },
    PayoutRun: payoutRunFields,
    Wallet: {
      balance: (w) => toApiMoney(w.balanceMinor, w.currency),
      available: (w) => toApiMoney(w.availableMinor, w.currency),
      held: (w) => toApiMoney(w.heldMinor, w.currency),
      transactions: async (w, args, ctx) => {
        const page = parseTimePageArgs(args);
        if (!w.accountId) return emptyConnection();
        const entries = await ctx.loaders.accountEntries(w.accountId, page);
        return toConnection(entries.map(toWalletTransaction), page.limit, timePosition);
      },
    },
    WalletTransaction: {
      amount: (t) => toApiMoney(t.amountMinor, t.currency),
      balanceAfter: (t) => (t.balanceAfterMinor === null ? null : toApiMoney(t.balanceAfterMinor, t.currency)),
      counterparty: (t) => (t.counterpartyId ? { id: t.counterpartyId } : null),
      task: (t) => (t.taskId ? { id: t.taskId } : null),
    },
    Task: {
      payment: async (task, _args, ctx) => {
        const payment = await ctx.loaders.taskPayment.load(task.id);
        return payment && canSeePayment(ctx.identity, payment) ? payment : null;
      },
    },
    Payment: {
      __resolveReference: async (ref, ctx) => {
        const payment = await ctx.loaders.payment.load(ref.id);
        return payment && canSeePayment(ctx.identity, payment) ? payment : null;
      },
      amount: (p) => toApiMoney(p.amountMinor, p.currency),
      fee: (p) => (p.feeMinor === null ? null : toApiMoney(p.feeMinor, p.currency)),
      refund: (p) => (p.refundMinor === null ? null : toApiMoney(p.refundMinor, p.currency)),
      payer: (p) => ({ id: p.payerId }),
      payee: (p) => ({ id: p.payeeId }),
      task: (p) => ({ id: p.taskId }),
    },
  };
}
