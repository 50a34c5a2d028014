import fc from 'fast-check';
import type { Currency } from './ledger-model.js';

// The random programs of the property-based ledger tests: money requests (with overdrafts),
// same-key retries and key reuse, concurrent bursts, escrow holds and their resolution by events,
// and events delivered again later (out of order with everything after them).

export const USERS = 3;

export type LedgerCommand =
  | { t: 'deposit'; user: number; currency: Currency; amountMinor: number }
  | { t: 'withdraw'; user: number; currency: Currency; amountMinor: number }
  | { t: 'send'; from: number; to: number; currency: Currency; amountMinor: number }
  /** The same request again with the same key (an earlier money request, by index). */
  | { t: 'retry'; of: number }
  /** The key of an earlier request with a different amount. */
  | { t: 'reuseKey'; of: number; extraMinor: number }
  /** Two identical requests with one key at the same moment (a double click). */
  | { t: 'doubleSubmit'; user: number; currency: Currency; amountMinor: number }
  /** Withdrawals by one user at the same moment: the overdraft check under concurrency. */
  | { t: 'burst'; user: number; currency: Currency; amountsMinor: number[] }
  | { t: 'accept'; poster: number; tasker: number; currency: Currency; amountMinor: number }
  /** Completion, cancellation, or both at once, of an earlier hold (by index). */
  | { t: 'resolve'; of: number; how: 'complete' | 'cancel' | 'race' }
  /** An event published earlier (by index) delivered again, as JetStream redelivers. */
  | { t: 'redeliver'; of: number };

const user = fc.integer({ min: 0, max: USERS - 1 });
// Mostly one currency, so holds find money often enough; the others keep the books apart.
const currency: fc.Arbitrary<Currency> = fc.oneof(
  { weight: 6, arbitrary: fc.constant('USD' as const) },
  { weight: 2, arbitrary: fc.constant('EUR' as const) },
  { weight: 1, arbitrary: fc.constant('GBP' as const) },
);
// Outflows drawn larger than a typical balance, so refusals are common.
const amount = fc.integer({ min: 1, max: 3_000 });
const index = fc.nat({ max: 40 });

export const ledgerCommand: fc.Arbitrary<LedgerCommand> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ t: fc.constant('deposit' as const), user, currency, amountMinor: fc.integer({ min: 1, max: 8_000 }) }) },
  { weight: 3, arbitrary: fc.record({ t: fc.constant('withdraw' as const), user, currency, amountMinor: amount }) },
  {
    weight: 3,
    arbitrary: fc
      .record({ t: fc.constant('send' as const), from: user, to: user, currency, amountMinor: amount })
      .map((c) => ({ ...c, to: c.to === c.from ? (c.from + 1) % USERS : c.to })),
  },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('retry' as const), of: index }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('reuseKey' as const), of: index, extraMinor: fc.integer({ min: 1, max: 500 }) }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('doubleSubmit' as const), user, currency, amountMinor: amount }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('burst' as const), user, currency, amountsMinor: fc.array(amount, { minLength: 2, maxLength: 4 }) }) },
  {
    weight: 3,
    arbitrary: fc
      .record({ t: fc.constant('accept' as const), poster: user, tasker: user, currency, amountMinor: amount })
      .map((c) => ({ ...c, tasker: c.tasker === c.poster ? (c.poster + 1) % USERS : c.tasker })),
  },
  { weight: 3, arbitrary: fc.record({ t: fc.constant('resolve' as const), of: index, how: fc.constantFrom('complete' as const, 'cancel' as const, 'race' as const) }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('redeliver' as const), of: index }) },
);

export const ledgerProgram = fc.array(ledgerCommand, { minLength: 1, maxLength: 30 });
