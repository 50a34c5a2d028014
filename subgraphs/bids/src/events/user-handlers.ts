import { type EventConsumer, userSuspended, userUnsuspended } from '@sx/events';
import { replicatePosterSuspension } from '../commands/replicate-poster-suspension.js';

/** The durable consumer `bids_from_users`: posters' suspensions, which close their tasks to bids. */
export function consumeUserEvents(consumer: EventConsumer): EventConsumer {
  return consumer.on(userSuspended, replicatePosterSuspension).on(userUnsuspended, replicatePosterSuspension);
}
