import { requireRole, type Identity } from '@sx/core';
import { upsertDestination } from '../db/payout-writes.js';
import type { PayoutDestinationRow } from '../db/tables.js';
import type { WalletDeps } from '../deps.js';
import { maskAccountNumber, type DestinationDraft } from '../domain/payout-destination.js';

/**
 * setPayoutDestination: taskers only (posters are never paid out daily). The account is stored
 * at the provider first; the wallet keeps the provider's reference and a masked form, so the
 * full number never sits in the wallet's tables. Storing again replaces the destination; a
 * payout already started keeps the destination it started with.
 */
export async function setPayoutDestination(deps: WalletDeps, identity: Identity, draft: DestinationDraft): Promise<PayoutDestinationRow> {
  const userId = requireRole(identity, 'TASKER').toLowerCase();
  const { destinationRef } = await deps.provider.registerDestination({ userId, ...draft });
  return upsertDestination(deps.db, { userId, holderName: draft.holderName, accountMask: maskAccountNumber(draft.accountNumber), providerRef: destinationRef });
}
