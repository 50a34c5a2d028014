import { userSuspended, userUnsuspended, type EventConsumer } from '@sx/events';
import { hideTasksOfSuspendedPoster, showTasksOfUnsuspendedPoster } from '../commands/follow-poster-suspension.js';

/** The durable consumer `tasks_from_users`: the replica of posters' suspensions. */
export function consumeUserEvents(consumer: EventConsumer): EventConsumer {
  return consumer.on(userSuspended, hideTasksOfSuspendedPoster).on(userUnsuspended, showTasksOfUnsuspendedPoster);
}
