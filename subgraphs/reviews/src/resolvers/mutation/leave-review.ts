import { type Db, isUniqueViolation } from '@sx/runtime';
import { requireUser } from '@sx/core';
import { findCompletedTask } from '../../db/completed-task-queries.js';
import { insertReview, ONE_REVIEW_PER_AUTHOR_INDEX } from '../../db/review-writes.js';
import { AlreadyReviewed, subjectOfReview } from '../../domain/leave-review.js';
import { parseReviewDraft } from '../../domain/review-draft.js';
import { recordReviewLeft } from '../../events/review-events.js';
import type { MutationResolvers } from '../../generated/resolvers-types.js';

export function leaveReview(db: Db): MutationResolvers['leaveReview'] {
  return async (_, args, ctx) => {
    const authorId = requireUser(ctx.identity);
    const draft = parseReviewDraft(args.input);
    const review = await db
      .transaction(async (tx) => {
        const task = await findCompletedTask(tx, draft.taskId);
        const subjectId = subjectOfReview(task, draft.taskId, authorId);
        const inserted = await insertReview(tx, { ...draft, authorId, subjectId });
        await recordReviewLeft(tx, inserted);
        return inserted;
      })
      .catch((err: unknown) => {
        // A second review, or two racing first ones: the unique index lets one commit.
        throw isUniqueViolation(err, ONE_REVIEW_PER_AUTHOR_INDEX) ? new AlreadyReviewed() : err;
      });
    ctx.log.info({ reviewId: review.id, taskId: review.taskId, authorId }, 'review left');
    return review;
  };
}
