import { feeOf } from '../../e2e/money-model.js';
import type { MoneyRecord } from './bank-history.js';
import type { SagaRecord } from './bank-sagas.js';

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
 * RELEASED: the tasker gets the amount less the fee, rounded half up; REFUNDED: nothing moved).
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
    if (paymentStatus === 'RELEASED') {
      const fee = feeOf(amount);
      wallet(saga.poster, saga.currency).available -= amount;
      wallet(saga.tasker, saga.currency).available += amount - fee;
      platform.set(saga.currency, (platform.get(saga.currency) ?? 0) + fee);
    }
  }
  return { wallets, platform };
}

/** The end a finished saga's payment must reach by its plan. */
export function plannedEnd(saga: SagaRecord): 'RELEASED' | 'REFUNDED' {
  return saga.plan === 'cancel' ? 'REFUNDED' : 'RELEASED';
}
