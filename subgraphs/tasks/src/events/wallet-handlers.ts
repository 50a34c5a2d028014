import { escrowHeld, type EventConsumer } from '@sx/events';
import { assignTask } from '../commands/assign-task.js';

/** The durable consumer `tasks_from_wallet`: the payment saga's steps that move tasks. */
export function consumeWalletEvents(consumer: EventConsumer): EventConsumer {
  return consumer.on(escrowHeld, assignTask);
}
