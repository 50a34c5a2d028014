import { escrowHeld, type EventConsumer } from '@sx/events';
import { assignTask, assignTaskStep } from '../commands/assign-task.js';

/**
 * The durable consumer `tasks_from_wallet`: the payment saga's steps that move tasks (the
 * assignment in one statement with its inbox row when it can, else the general way).
 */
export function consumeWalletEvents(consumer: EventConsumer): EventConsumer {
  return consumer.on(escrowHeld, assignTask, { step: assignTaskStep });
}
