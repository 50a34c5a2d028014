import { DateTimeScalar } from '@sx/runtime';
import { parseTimePageArgs, timePosition, toConnection } from '@sx/core';
import type { ReviewsDeps } from '../deps.js';
import { ratingOf } from '../domain/rating-average.js';
import { canSeeReview } from '../domain/review-window.js';
import type { Resolvers } from '../generated/resolvers-types.js';
import { leaveReviewMutation } from './mutation/leave-review.js';

export function createResolvers(deps: ReviewsDeps): Resolvers {
  return {
    DateTime: DateTimeScalar,
    Mutation: {
      leaveReview: leaveReviewMutation(deps),
    },
    Review: {
      // Blind reviews: a hidden review is its author's alone, whoever holds its id.
      __resolveReference: async (ref, ctx) => {
        const review = await ctx.loaders.review.load(ref.id);
        return review && canSeeReview(review, ctx.identity.userId) ? review : null;
      },
      author: (r) => ({ id: r.authorId }),
      subject: (r) => ({ id: r.subjectId }),
      task: (r) => ({ id: r.taskId }),
    },
    User: {
      rating: async (user, _args, ctx) => ratingOf(await ctx.loaders.rating.load(user.id)),
      reviews: async (user, args, ctx) => {
        const page = parseTimePageArgs(args);
        return toConnection(await ctx.loaders.reviewPage({ subjectId: user.id }, page, ctx.identity.userId ?? null), page.limit, timePosition);
      },
    },
    Task: {
      reviews: async (task, args, ctx) => {
        const page = parseTimePageArgs(args);
        return toConnection(await ctx.loaders.reviewPage({ taskId: task.id }, page, ctx.identity.userId ?? null), page.limit, timePosition);
      },
    },
  };
}
