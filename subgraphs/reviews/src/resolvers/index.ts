import { DateTimeScalar, parseTimePageArgs, timePosition, toConnection, type Db, type PageArgs, type Resolvers } from '@sx/runtime';
import { pageReviews } from '../db/review-queries.js';
import type { ReviewRow } from '../db/tables.js';
import { ratingOf } from '../domain/rating-average.js';
import type { ReviewLoaders } from '../loaders.js';
import { leaveReview } from './mutation/leave-review.js';

export function createResolvers(db: Db): Resolvers<ReviewLoaders> {
  return {
    DateTime: DateTimeScalar,
    Mutation: {
      leaveReview: leaveReview(db),
    },
    Review: {
      __resolveReference: (ref: { id: string }, ctx) => ctx.loaders.review.load(ref.id),
      author: (r: ReviewRow) => ({ __typename: 'User', id: r.authorId }),
      subject: (r: ReviewRow) => ({ __typename: 'User', id: r.subjectId }),
      task: (r: ReviewRow) => ({ __typename: 'Task', id: r.taskId }),
    },
    User: {
      rating: async (user: { id: string }, _args, ctx) => ratingOf(await ctx.loaders.rating.load(user.id)),
      reviews: async (user: { id: string }, args: PageArgs) => {
        const page = parseTimePageArgs(args);
        return toConnection(await pageReviews(db, { subjectId: user.id }, page), page.limit, timePosition);
      },
    },
    Task: {
      reviews: async (task: { id: string }, args: PageArgs) => {
        const page = parseTimePageArgs(args);
        return toConnection(await pageReviews(db, { taskId: task.id }, page), page.limit, timePosition);
      },
    },
  };
}
