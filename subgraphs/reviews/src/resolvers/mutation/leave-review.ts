import { requireCaller } from '@sx/events';
import { leaveReview } from '../../commands/leave-review.js';
import type { ReviewsDeps } from '../../deps.js';
import { parseReviewDraft } from '../../domain/review-draft.js';
import type { MutationResolvers } from '../../generated/resolvers-types.js';

export function leaveReviewMutation(deps: ReviewsDeps): MutationResolvers['leaveReview'] {
  return async (_, args, ctx) => {
    const caller = requireCaller(ctx.identity);
    const review = await leaveReview(deps, { caller, draft: parseReviewDraft(args.input) });
    ctx.log.info({ reviewId: review.id, taskId: review.taskId, authorId: caller.userId }, 'review left');
    return review;
  };
}
