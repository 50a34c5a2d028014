import { SYSTEM_ACTOR } from '@sx/events';
import { lockDueTasks } from '../db/auto-release-queries.js';
import type { Task } from '../db/task-columns.js';
import { writeTaskStatus } from '../db/task-status-writes.js';
import type { TasksDeps } from '../deps.js';
import { recordTaskCompleted } from '../events/task-saga-events.js';

export interface ReleaseDueTasksCommand {
  /** Tasks marked done before this instant are due (domain/auto-release.ts computes it). */
  cutoff: Date;
  /** AUTO_RELEASE_BATCH: tasks per transaction. */
  batchSize: number;
}

/**
 * One batch of auto-release: DONE tasks marked done before `cutoff` become COMPLETED, each with
 * its tasks.task.completed {completedBy: AUTO_RELEASE} in the same transaction. Safe to run twice
 * or on two instances at once: rows are taken FOR UPDATE SKIP LOCKED, and the status
 * compare-and-set in writeTaskStatus would refuse a row another run completed.
 */
export function releaseDueTasks(deps: TasksDeps, command: ReleaseDueTasksCommand): Promise<Task[]> {
  return deps.db.transaction(async (tx) => {
    const due = await lockDueTasks(tx, { cutoff: command.cutoff, limit: command.batchSize });
    const completed: Task[] = [];
    for (const task of due) {
      const released = await writeTaskStatus(tx, { task, to: 'COMPLETED' });
      await recordTaskCompleted(tx, released, 'AUTO_RELEASE', { actor: SYSTEM_ACTOR });
      completed.push(released);
    }
    return completed;
  });
}
