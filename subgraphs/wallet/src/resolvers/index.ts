import {
  DateTimeScalar,
  emptyConnection,
  parseTimePageArgs,
  timePosition,
  toApiMoney,
  toConnection,
  type Db,
  type PageArgs,
  type Resolvers,
} from '@sx/runtime';
import type { PaymentRow } from '../db/tables.js';
import { pageAccountEntries } from '../db/transfer-queries.js';
import { canSeePayment } from '../domain/money-access.js';
import type { WalletView } from '../domain/wallet-view.js';
import type { LedgerDeps } from '../ledger/wallet-operation.js';
import type { WalletLoaders } from '../loaders.js';
import { deposit } from './mutation/deposit.js';
import { sendMoney } from './mutation/send-money.js';
import { withdraw } from './mutation/withdraw.js';
import { userFields } from './user-fields.js';
import { toWalletTransaction, type WalletTransaction } from './wallet-transaction.js';

const userRef = (id: string) => ({ __typename: 'User', id });
const taskRef = (id: string) => ({ __typename: 'Task', id });

export function createResolvers(ledger: LedgerDeps, opts: { defaultCurrency: string }): Resolvers<WalletLoaders> {
  const db: Db = ledger.db;
  return {
    DateTime: DateTimeScalar,
    Mutation: {
      deposit: deposit(ledger),
      withdraw: withdraw(ledger),
      sendMoney: sendMoney(ledger),
    },
    User: userFields(opts),
    Wallet: {
      balance: (w: WalletView) => toApiMoney(w.balanceMinor, w.currency),
      available: (w: WalletView) => toApiMoney(w.availableMinor, w.currency),
      held: (w: WalletView) => toApiMoney(w.heldMinor, w.currency),
      transactions: async (w: WalletView, args: PageArgs) => {
        const page = parseTimePageArgs(args);
        if (!w.accountId) return emptyConnection();
        const entries = await pageAccountEntries(db, { accountId: w.accountId, page });
        return toConnection(entries.map(toWalletTransaction), page.limit, timePosition);
      },
    },
    WalletTransaction: {
      amount: (t: WalletTransaction) => toApiMoney(t.amountMinor, t.currency),
      balanceAfter: (t: WalletTransaction) => (t.balanceAfterMinor === null ? null : toApiMoney(t.balanceAfterMinor, t.currency)),
      counterparty: (t: WalletTransaction) => (t.counterpartyId ? userRef(t.counterpartyId) : null),
      task: (t: WalletTransaction) => (t.taskId ? taskRef(t.taskId) : null),
    },
    Task: {
      payment: async (task: { id: string }, _args, ctx) => {
        const payment = await ctx.loaders.taskPayment.load(task.id);
        return payment && canSeePayment(ctx.identity, payment) ? payment : null;
      },
    },
    Payment: {
      __resolveReference: async (ref: { id: string }, ctx) => {
        const payment = await ctx.loaders.payment.load(ref.id);
        return payment && canSeePayment(ctx.identity, payment) ? payment : null;
      },
      amount: (p: PaymentRow) => toApiMoney(p.amountMinor, p.currency),
      fee: (p: PaymentRow) => (p.feeMinor === null ? null : toApiMoney(p.feeMinor, p.currency)),
      payer: (p: PaymentRow) => userRef(p.payerId),
      payee: (p: PaymentRow) => userRef(p.payeeId),
      task: (p: PaymentRow) => taskRef(p.taskId),
    },
  };
}
