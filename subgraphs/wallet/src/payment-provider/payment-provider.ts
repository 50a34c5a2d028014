import type { Currency } from '@sx/core';

/** charge: take money from the user's card or bank into the platform (a deposit); payout: the reverse. */
export const PROVIDER_OPERATIONS = ['charge', 'payout'] as const;
export type ProviderOperation = (typeof PROVIDER_OPERATIONS)[number];

export const PROVIDER_STATUSES = ['succeeded', 'declined'] as const;
export type ProviderStatus = (typeof PROVIDER_STATUSES)[number];

export interface ProviderRequest {
  /**
   * Idempotency key at the provider: asking again with the same id (a retry after a crash)
   * returns the first outcome and moves no money twice.
   */
  requestId: string;
  userId: string;
  amountMinor: number;
  currency: Currency;
  /** For a payout to a registered bank account: the provider's reference from registerDestination. */
  destinationRef?: string;
}

/** A bank account a user asks to be paid to. */
export interface DestinationRequest {
  userId: string;
  holderName: string;
  /** A validated IBAN, upper case without spaces. */
  accountNumber: string;
}

export type ProviderOutcome =
  | { status: 'succeeded'; providerRef: string }
  | { status: 'declined'; providerRef: string; reason: string; message: string };

/**
 * Where money enters and leaves the platform (a card processor, a bank). Final answers are
 * outcomes; a thrown error means "unknown, ask again with the same requestId".
 */
export interface PaymentProvider {
  charge(request: ProviderRequest): Promise<ProviderOutcome>;
  payout(request: ProviderRequest): Promise<ProviderOutcome>;
  /** Stores a bank account at the provider; payouts name it by the returned reference. */
  registerDestination(request: DestinationRequest): Promise<{ destinationRef: string }>;
}
