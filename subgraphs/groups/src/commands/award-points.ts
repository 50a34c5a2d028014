import type { EventEnvelope, groupTaskCompleted, PayloadOf } from '@sx/events';
import type { Logger, Tx } from '@sx/runtime';
import { awardTaskPoints } from '../db/points-queries.js';

/**
 * groups.task.completed: the assignee earns the task's reward. Idempotent per task, not only per
 * event: the points ledger holds at most one award per task, so a redelivery, a replayed outbox
 * or a second event for the same task awards nothing more.
 */
export async function awardPoints(tx: Tx, event: EventEnvelope<PayloadOf<typeof groupTaskCompleted>>, log: Logger): Promise<void> {
  const { taskId, groupId, assigneeId, rewardPoints } = event.data;
  if (rewardPoints === 0) return;
  const awarded = await awardTaskPoints(tx, { groupId, taskId, userId: assigneeId, points: rewardPoints });
  log.info({ taskId, eventId: event.id, awarded }, awarded ? 'reward points awarded' : 'reward points already awarded for this task');
}
