import { randomInt } from 'node:crypto';
import { type Currency, SUPPORTED_CURRENCIES } from '@sx/core';
import { HOT_ACCOUNT_SHARDS } from '../../domain/ledger-kinds.js';
import type { AccountRef } from '../../db/account-writes.js';
import { assertInvariant } from '../../domain/invariant.js';

/** A user's wallet in one currency. */
export const userWallet = (ownerId: string, currency: Currency): AccountRef => ({ kind: 'user', ownerId, currency });

/** One of a sharded platform account's sub-accounts, picked at random so concurrent transfers spread over them. */
const anyShard = (): number => randomInt(HOT_ACCOUNT_SHARDS);

/** The outside world's mirror: where deposits come from and payouts go (one of its shards). */
export const outsideWorld = (currency: Currency): AccountRef => ({ kind: 'external', currency, shard: anyShard() });

/** The currency of a stored payment; the payments table only holds ones the platform settles in. */
export function currencyOf(payment: { id: string; currency: string }): Currency {
  const currency = SUPPORTED_CURRENCIES.find((c) => c === payment.currency);
  assertInvariant(currency !== undefined, `payment ${payment.id} is in unsupported currency ${payment.currency}`);
  return currency;
}

/** The escrow account that holds one payment's money, and only that payment's. */
export const escrowOf = (payment: { id: string; currency: string }): AccountRef => ({ kind: 'escrow', paymentId: payment.id, currency: currencyOf(payment) });

/** Where the platform's fees go: its revenue account in the currency (one of its shards). */
export const platformRevenue = (currency: Currency): AccountRef => ({ kind: 'platform', currency, shard: anyShard() });

/** Transfer references of a payment: unique in the ledger, so no step moves money twice. */
export const paymentReference = (paymentId: string, step: 'hold' | 'release' | 'fee' | 'refund') => `payment:${paymentId}:${step}`;
