import { and, eq } from 'drizzle-orm';
import type { Db } from '@sx/runtime';
import { providerDestinations, providerRequests, type ProviderRequestRow } from '../db/tables.js';
import { formatMoney } from '../domain/money-format.js';
import type { PaymentProvider, ProviderOperation, ProviderOutcome, ProviderRequest } from './payment-provider.js';

export interface LocalProviderLimits {
  maxChargeMinor: number;
  maxPayoutMinor: number;
}

/** Why the local provider declines: the one rule a real processor certainly has, a limit per payment. */
export const LIMIT_EXCEEDED = 'LIMIT_EXCEEDED';

function outcomeOf(row: ProviderRequestRow): ProviderOutcome {
  if (row.status === 'succeeded') return { status: 'succeeded', providerRef: row.id };
  const limitKind = row.operation === 'charge' ? 'deposit' : 'payout';
  return {
    status: 'declined',
    providerRef: row.id,
    reason: row.declineReason ?? LIMIT_EXCEEDED,
    message: `The payment provider declined this ${limitKind} of ${formatMoney(row.amountMinor, row.currency)}: it is over the provider's limit per ${limitKind}.`,
  };
}

/**
 * A payment provider with no outside service: it records every request it receives in
 * wallet.provider_requests (the statement commits on its own, as a remote call would) and
 * declines amounts over its configured limits. Deduplicates by request id like a real one.
 */
export function createLocalProvider(db: Db, limits: LocalProviderLimits): PaymentProvider {
  const record = async (operation: ProviderOperation, request: ProviderRequest): Promise<ProviderOutcome> => {
    const limit = operation === 'charge' ? limits.maxChargeMinor : limits.maxPayoutMinor;
    const declined = request.amountMinor > limit;
    const [inserted] = await db
      .insert(providerRequests)
      .values({
        operation,
        requestId: request.requestId,
        userId: request.userId,
        amountMinor: request.amountMinor,
        currency: request.currency,
        status: declined ? 'declined' : 'succeeded',
        declineReason: declined ? LIMIT_EXCEEDED : null,
        destinationRef: request.destinationRef ?? null,
      })
      .onConflictDoNothing()
      .returning();
    if (inserted) return outcomeOf(inserted);
    const [first] = await db
      .select()
      .from(providerRequests)
      .where(and(eq(providerRequests.operation, operation), eq(providerRequests.requestId, request.requestId)));
    if (!first) throw new Error(`provider request ${operation} ${request.requestId} neither inserted nor found`);
    // A retry must ask for exactly what was asked first; anything else is a bug in the wallet.
    const sameDestination = first.destinationRef === (request.destinationRef ?? null);
    if (first.userId !== request.userId || first.amountMinor !== request.amountMinor || first.currency !== request.currency || !sameDestination) {
      throw new Error(`provider request ${operation} ${request.requestId} repeated with different parameters`);
    }
    return outcomeOf(first);
  };
  return {
    charge: (request) => record('charge', request),
    payout: (request) => record('payout', request),
    registerDestination: async (request) => {
      const [row] = await db.insert(providerDestinations).values(request).returning({ id: providerDestinations.id });
      if (!row) throw new Error('provider destination not stored');
      return { destinationRef: row.id };
    },
  };
}
