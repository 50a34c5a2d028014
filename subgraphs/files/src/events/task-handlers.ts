import { taskPosted, type EventConsumer } from '@sx/events';
import { replicateTaskPoster } from '../commands/replicate-task-poster.js';

/** The durable consumer `files_from_tasks`: the replica of each task's poster. */
export function consumeTaskEvents(consumer: EventConsumer): EventConsumer {
  return consumer.on(taskPosted, replicateTaskPoster);
}
