import { type EventConsumer, userSignedUp } from '@sx/events';
import { rememberUser } from '../commands/remember-user.js';

/** The durable consumer `wallet_from_users`: the replica of who exists. */
export function consumeUserEvents(consumer: EventConsumer): EventConsumer {
  return consumer.on(userSignedUp, rememberUser);
}
