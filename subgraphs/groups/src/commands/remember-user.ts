import type { EventEnvelope, PayloadOf, userSignedUp } from '@sx/events';
import type { Tx } from '@sx/runtime';
import { rememberUser } from '../db/invitation-queries.js';

/** users.user.signed_up: groups keeps the address, so an invitee can be matched to their invitations. */
export async function rememberSignedUpUser(tx: Tx, event: EventEnvelope<PayloadOf<typeof userSignedUp>>): Promise<void> {
  const { userId, email } = event.data;
  if (email) await rememberUser(tx, { userId, email });
}
