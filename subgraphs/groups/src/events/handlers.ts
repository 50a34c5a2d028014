import { groupTaskCompleted, moneySent, userSignedUp, type EventConsumer } from '@sx/events';
import { awardPoints } from '../commands/award-points.js';
import { rememberSignedUpUser } from '../commands/remember-user.js';
import { settleFromWallet } from '../commands/settle-from-wallet.js';

/** The durable consumer `groups_from_users`: the replica of addresses invitations are matched against. */
export function consumeUserEvents(consumer: EventConsumer): EventConsumer {
  return consumer.on(userSignedUp, rememberSignedUpUser);
}

/** The durable consumer `groups_from_wallet`: in-app payments of shares and settle-ups. */
export function consumeWalletEvents(consumer: EventConsumer): EventConsumer {
  return consumer.on(moneySent, settleFromWallet);
}

/** The durable consumer `groups_points` of groups' own stream: reward points follow completions. */
export function consumeOwnEvents(consumer: EventConsumer): EventConsumer {
  return consumer.on(groupTaskCompleted, awardPoints);
}
