import { refuseUniqueViolation } from '@sx/runtime';
import type { Caller } from '@sx/events';
import { findCompletedTask } from '../db/completed-task-queries.js';
import { insertReview, ONE_REVIEW_PER_AUTHOR_INDEX } from '../db/review-writes.js';
import type { ReviewRow } from '../db/tables.js';
import type { ReviewsDeps } from '../deps.js';
import { AlreadyReviewed, subjectOfReview } from '../domain/leave-review.js';
import type { ReviewDraft } from '../domain/review-draft.js';
import { recordReviewLeft } from '../events/review-events.js';

export interface LeaveReviewCommand {
  caller: Caller;
  draft: ReviewDraft;
}

/**
 * A participant of a completed task reviews the other one, once: the review and its
 * reviews.review.left event (from which ratings follow) in one transaction.
 */
export function leaveReview(deps: ReviewsDeps, command: LeaveReviewCommand): Promise<ReviewRow> {
  const { caller, draft } = command;
  const leaving = deps.db.transaction(async (tx) => {
    const task = await findCompletedTask(tx, draft.taskId);
    const subjectId = subjectOfReview(task, draft.taskId, caller.userId);
    const review = await insertReview(tx, { ...draft, authorId: caller.userId, subjectId });
    await recordReviewLeft(tx, review, caller.actor);
    return review;
  });
  // A second review, or two racing first ones: the unique index lets one commit.
  return refuseUniqueViolation(leaving, ONE_REVIEW_PER_AUTHOR_INDEX, () => new AlreadyReviewed());
}
