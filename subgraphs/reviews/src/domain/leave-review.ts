import { Conflict, Forbidden } from '@sx/core';

/** What reviews knows of a completed task (its local replica, fed by `tasks.task.completed`). */
export interface CompletedTask {
  taskId: string;
  posterId: string;
  assigneeId: string;
  completedAt: Date;
}

/**
 * The task is not COMPLETED, or its completion has not reached reviews yet (the replica is
 * eventually consistent): retrying shortly after completion succeeds.
 */
export class TaskNotYetReviewable extends Conflict {
  constructor(taskId: string) {
    super(
      'TASK_NOT_COMPLETED',
      `Task ${taskId} cannot be reviewed yet: reviews open once the task is COMPLETED, and it may take a moment after completion is confirmed; retry in a second or two.`,
      { retryable: true },
    );
  }
}

/** Each participant reviews a task once. */
export class AlreadyReviewed extends Conflict {
  constructor() {
    super('ALREADY_REVIEWED', 'You have already reviewed this task; each participant can leave one review per task.');
  }
}

/**
 * Who a review by `authorId` is about: the poster reviews the assignee and the assignee the
 * poster. Anyone else may not review the task.
 */
export function subjectOfReview(task: CompletedTask | null, taskId: string, authorId: string): string {
  if (!task) throw new TaskNotYetReviewable(taskId);
  if (authorId === task.posterId) return task.assigneeId;
  if (authorId === task.assigneeId) return task.posterId;
  throw new Forbidden('NOT_TASK_PARTICIPANT', "Only the task's poster and the tasker who did it can review it.");
}
