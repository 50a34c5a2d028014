import { feeOf } from '../../e2e/money-model.js';

// The independent model of the wallet's rules that the property-based tests hold the real
// wallet to: available balances per (user, currency), escrow holds per task, the platform's fees.
// It knows nothing of SQL or events; it says what must happen, the test checks that it did.

export type Currency = 'USD' | 'EUR' | 'GBP';
export type HoldStatus = 'HELD' | 'RELEASED' | 'REFUNDED' | 'DECLINED';

export interface ModelHold {
  poster: number;
  tasker: number;
  currency: Currency;
  amountMinor: number;
  status: HoldStatus;
}

export class LedgerModel {
  private readonly available = new Map<string, number>();
  readonly holds: ModelHold[] = [];
  feesMinor = 0;

  availableOf(user: number, currency: Currency): number {
    return this.available.get(`${user}:${currency}`) ?? 0;
  }

  private add(user: number, currency: Currency, deltaMinor: number): void {
    const next = this.availableOf(user, currency) + deltaMinor;
    // The model's own invariant: if it ever plans an overdraft, the model is wrong, not the wallet.
    if (next < 0) throw new Error(`model overdraft of user ${user} ${currency}`);
    this.available.set(`${user}:${currency}`, next);
  }

  deposit(user: number, currency: Currency, amountMinor: number): void {
    this.add(user, currency, amountMinor);
  }

  /** A withdrawal: refused (false) exactly when it is more than what is available. */
  withdraw(user: number, currency: Currency, amountMinor: number): boolean {
    if (this.availableOf(user, currency) < amountMinor) return false;
    this.add(user, currency, -amountMinor);
    return true;
  }

  send(from: number, to: number, currency: Currency, amountMinor: number): boolean {
    if (!this.withdraw(from, currency, amountMinor)) return false;
    this.add(to, currency, amountMinor);
    return true;
  }

  /** A bid acceptance: the amount is held, or declined when the poster has too little. */
  requestHold(hold: Omit<ModelHold, 'status'>): ModelHold {
    const held = this.withdraw(hold.poster, hold.currency, hold.amountMinor);
    const entry: ModelHold = { ...hold, status: held ? 'HELD' : 'DECLINED' };
    this.holds.push(entry);
    return entry;
  }

  /** Completion (release) or cancellation (refund): only a HELD hold moves, and only once. */
  resolve(hold: ModelHold, end: 'RELEASED' | 'REFUNDED'): void {
    if (hold.status !== 'HELD') return;
    hold.status = end;
    if (end === 'REFUNDED') return this.add(hold.poster, hold.currency, hold.amountMinor);
    const feeMinor = feeOf(hold.amountMinor);
    this.add(hold.tasker, hold.currency, hold.amountMinor - feeMinor);
    this.feesMinor += feeMinor;
  }

  /** Every (user, currency) the model has seen money for. */
  wallets(): { user: number; currency: Currency; availableMinor: number }[] {
    return [...this.available.entries()].map(([key, availableMinor]) => {
      const [user, currency] = key.split(':');
      return { user: Number(user), currency: currency as Currency, availableMinor };
    });
  }
}
