import { taskHidden, taskPosted, taskUnhidden, type EventConsumer } from '@sx/events';
import { replicateTaskHidden, replicateTaskPoster, replicateTaskUnhidden } from '../commands/replicate-task-poster.js';

/** The durable consumer `files_from_tasks`: the replica of each task's poster and hidden flag. */
export function consumeTaskEvents(consumer: EventConsumer): EventConsumer {
  return consumer.on(taskPosted, replicateTaskPoster).on(taskHidden, replicateTaskHidden).on(taskUnhidden, replicateTaskUnhidden);
}
