import { clockNow, refuseUniqueViolation } from '@sx/runtime';
import type { Caller } from '@sx/events';
import { lockCompletedTask } from '../db/completed-task-queries.js';
import { revealWhenBothIn } from '../db/reveal-writes.js';
import { insertReview, ONE_REVIEW_PER_AUTHOR_INDEX } from '../db/review-writes.js';
import type { ReviewRow } from '../db/tables.js';
import type { ReviewsDeps } from '../deps.js';
import { AlreadyReviewed, subjectOfReview } from '../domain/leave-review.js';
import type { ReviewDraft } from '../domain/review-draft.js';
import { assertWindowOpen } from '../domain/review-window.js';
import { recordReviewLeft, recordReviewRevealed } from '../events/review-events.js';

export interface LeaveReviewCommand {
  caller: Caller;
  draft: ReviewDraft;
}

/**
 * A participant of a completed task reviews the other one, once, within the review window. The
 * review stays hidden until the other side's is in: the second review reveals both, with a
 * reviews.review.revealed each (ratings follow from those), in the same transaction.
 */
export function leaveReview(deps: ReviewsDeps, command: LeaveReviewCommand): Promise<ReviewRow> {
  const { caller, draft } = command;
  const leaving = deps.db.transaction(async (tx) => {
    const task = await lockCompletedTask(tx, draft.taskId);
    const subjectId = subjectOfReview(task, draft.taskId, caller.userId);
    if (task) assertWindowOpen(task.completedAt, new Date(clockNow()), deps.reviewWindowMs);
    const review = await insertReview(tx, { ...draft, authorId: caller.userId, subjectId });
    await recordReviewLeft(tx, review, caller.actor);
    const revealed = await revealWhenBothIn(tx, draft.taskId);
    for (const row of revealed) await recordReviewRevealed(tx, row, 'BOTH_REVIEWED', caller.actor);
    return revealed.find((r) => r.id === review.id) ?? review;
  });
  // A second review, or two racing first ones: the unique index lets one commit.
  return refuseUniqueViolation(leaving, ONE_REVIEW_PER_AUTHOR_INDEX, () => new AlreadyReviewed());
}
