import { feeOf } from '../../e2e/money-model.js';
import type { MoneyRecord } from './bank-history.js';
import { disputeRefundOf, type SagaRecord } from './bank-sagas.js';

/** What one user's wallet in one currency must show. */
export interface ExpectedWallet {
  available: number;
  held: number;
}

export interface ExpectedBooks {
  /** `${user}:${currency}` → wallet. */
  wallets: Map<string, ExpectedWallet>;
  /** currency → the platform's fees. */
  platform: Map<string, number>;
}

export const walletKey = (user: number, currency: string): string => `${user}:${currency}`;

/**
 * The independent model: the books that the client's own history implies, computed without
 * reading the ledger. Acknowledged deposits, withdrawals and sends move money; refused ones do
 * not; a saga moves money by its payment's end (HELD: the amount is held from the poster;
 * RELEASED: the tasker gets the amount less the fee, rounded half up; REFUNDED: nothing moved;
 * SPLIT: the admin gave `disputeRefundOf` back and released the rest, the fee on that part only).
 */
export function expectedBooks(money: readonly MoneyRecord[], sagas: readonly { saga: SagaRecord; paymentStatus: string | null }[]): ExpectedBooks {
  const wallets = new Map<string, ExpectedWallet>();
  const platform = new Map<string, number>();
  const wallet = (user: number, currency: string) => {
    const key = walletKey(user, currency);
    const found = wallets.get(key) ?? { available: 0, held: 0 };
    wallets.set(key, found);
    return found;
  };
  for (const op of money) {
    if (op.status === 'in-doubt') throw new Error(`the model needs a settled history; ${op.kind} ${op.idempotencyKey} is still in doubt`);
    if (op.status !== 'acked') continue;
    const sign = op.kind === 'deposit' ? 1 : -1;
    wallet(op.user, op.currency).available += sign * op.amountMinor;
    if (op.kind === 'send') wallet(op.to ?? -1, op.currency).available += op.amountMinor;
  }
  for (const { saga, paymentStatus } of sagas) {
    const amount = saga.amountMinor;
    if (paymentStatus === 'HELD') {
      wallet(saga.poster, saga.currency).available -= amount;
      wallet(saga.poster, saga.currency).held += amount;
    }
    if (paymentStatus === 'RELEASED' || paymentStatus === 'SPLIT') {
      const released = paymentStatus === 'SPLIT' ? amount - disputeRefundOf(amount) : amount;
      const fee = feeOf(released);
      wallet(saga.poster, saga.currency).available -= released;
      wallet(saga.tasker, saga.currency).available += released - fee;
      platform.set(saga.currency, (platform.get(saga.currency) ?? 0) + fee);
    }
  }
  return { wallets, platform };
}
