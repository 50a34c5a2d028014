import { groupExpenseAdded, groupMemberJoined, groupMemberLeft, type EventConsumer } from '@sx/events';
import { replicateExpense, replicateMemberJoined, replicateMemberLeft } from '../commands/replicate-group.js';

/** The durable consumer `files_from_groups`: expenses' payers and groups' members, for receipts. */
export function consumeGroupEvents(consumer: EventConsumer): EventConsumer {
  return consumer.on(groupExpenseAdded, replicateExpense).on(groupMemberJoined, replicateMemberJoined).on(groupMemberLeft, replicateMemberLeft);
}
