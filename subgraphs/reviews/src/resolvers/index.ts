import { DateTimeScalar, type Db } from '@sx/runtime';
import { parseTimePageArgs, timePosition, toConnection } from '@sx/core';
import { pageReviews } from '../db/review-queries.js';
import { ratingOf } from '../domain/rating-average.js';
import type { Resolvers } from '../generated/resolvers-types.js';
import { leaveReview } from './mutation/leave-review.js';

export function createResolvers(db: Db): Resolvers {
  return {
    DateTime: DateTimeScalar,
    Mutation: {
      leaveReview: leaveReview(db),
    },
    Review: {
      __resolveReference: (ref, ctx) => ctx.loaders.review.load(ref.id),
      author: (r) => ({ id: r.authorId }),
      subject: (r) => ({ id: r.subjectId }),
      task: (r) => ({ id: r.taskId }),
    },
    User: {
      rating: async (user, _args, ctx) => ratingOf(await ctx.loaders.rating.load(user.id)),
      reviews: async (user, args) => {
        const page = parseTimePageArgs(args);
        return toConnection(await pageReviews(db, { subjectId: user.id }, page), page.limit, timePosition);
      },
    },
    Task: {
      reviews: async (task, args) => {
        const page = parseTimePageArgs(args);
        return toConnection(await pageReviews(db, { taskId: task.id }, page), page.limit, timePosition);
      },
    },
  };
}
