import { groupTaskCompleted, moneySent, userSignedUp, type EventConsumer } from '@sx/events';
import { awardPoints } from '../commands/award-points.js';
import { rememberSignedUpUser } from '../commands/remember-user.js';
import { settleFromWallet } from '../commands/settle-from-wallet.js';
import { parsePaymentReference } from '../domain/payment-note.js';

/** The durable consumer `groups_from_users`: the replica of addresses invitations are matched against. */
export function consumeUserEvents(consumer: EventConsumer): EventConsumer {
  return consumer.on(userSignedUp, rememberSignedUpUser);
}

/**
 * The durable consumer `groups_from_wallet`: in-app payments of shares and settle-ups. Only a
 * transfer whose note names a share or a group can be one; every other send (nearly all) is
 * acked without a transaction instead of costing groups an inbox row to learn that.
 */
export function consumeWalletEvents(consumer: EventConsumer): EventConsumer {
  return consumer.on(moneySent, settleFromWallet, { wants: (event) => parsePaymentReference(event.data.note) !== null });
}

/** The durable consumer `groups_points` of groups' own stream: reward points follow completions. */
export function consumeOwnEvents(consumer: EventConsumer): EventConsumer {
  return consumer.on(groupTaskCompleted, awardPoints);
}
