import { paymentEventFacts } from '@sx/events';
import { walletView, type WalletView } from '../domain/wallet-view.js';
import type { PaymentEventKind, QueryResolvers } from '../generated/resolvers-types.js';
import type { PaymentRow } from '../loaders.js';
import { toWalletTransaction, type WalletTransaction } from './wallet-transaction.js';

/** PaymentEvent as its resolvers receive it. */
export interface PaymentEventView {
  id: string;
  cursor: string;
  kind: PaymentEventKind;
  payment: PaymentRow | null;
  transaction: WalletTransaction | null;
  wallet: WalletView;
  reason: string | null;
  occurredAt: string;
}

/**
 * Query.paymentEvent: one of wallet's own events, read back from its outbox, for the people
 * whose money it moved (not admins: wallets are private to their owners), with the kind, the
 * transaction and the wallet as that viewer sees them. `cursor` is the event id here; the
 * gateway puts the stream position in its place.
 */
export const paymentEventQuery: NonNullable<QueryResolvers['paymentEvent']> = async (_root, args, ctx) => {
  const event = await ctx.loaders.ownEvent(args.id);
  const facts = event ? paymentEventFacts(event) : null;
  const viewer = ctx.identity.userId;
  const party = facts?.parties.find((p) => p.userId === viewer);
  if (!event || !facts || !party || !viewer) return null;
  const account = (await ctx.loaders.userAccounts.load(viewer)).find((a) => a.currency === facts.currency) ?? null;
  const entry = facts.transactionId && account ? await ctx.loaders.accountEntry(account.id, facts.transactionId) : null;
  return {
    id: event.id,
    cursor: event.id,
    kind: party.kind as PaymentEventKind,
    payment: facts.paymentId ? await ctx.loaders.payment.load(facts.paymentId) : null,
    transaction: entry ? toWalletTransaction(entry) : null,
    wallet: walletView(viewer, account, facts.currency),
    reason: facts.reason,
    occurredAt: event.occurredAt,
  };
};
