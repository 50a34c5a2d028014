import DataLoader from 'dataloader';
import type { Db, ServiceContext } from '@sx/runtime';
import type { TimePageRequest } from '@sx/core';
import { findRatingTotals } from './db/rating-queries.js';
import { findReviewsByIds, pageReviews, type ReviewsOf } from './db/review-queries.js';
import type { ReviewRow } from './db/tables.js';
import { NO_RATINGS, type RatingTotals } from './domain/rating-average.js';

/** A stored review as resolvers receive it. */
export type { ReviewRow } from './db/tables.js';

/** Every read the reviews resolvers make: they reach the database through nothing else. */
export interface ReviewLoaders {
  review: DataLoader<string, ReviewRow | null>;
  rating: DataLoader<string, RatingTotals>;
  /** One page (limit + 1 rows, newest first) of the reviews of a user or of a task that the viewer may see. */
  reviewPage: (of: ReviewsOf, page: TimePageRequest, viewerId: string | null) => Promise<ReviewRow[]>;
}

export function createLoaders(db: Db): ReviewLoaders {
  return {
    review: new DataLoader(async (ids) => {
      const rows = await findReviewsByIds(db, ids);
      const byId = new Map(rows.map((r) => [r.id, r]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    // One SELECT … WHERE subject_id IN (…) for every user whose rating a request shows.
    rating: new DataLoader(async (subjectIds) => {
      const totals = await findRatingTotals(db, subjectIds);
      return subjectIds.map((id) => totals.get(id) ?? NO_RATINGS);
    }),
    reviewPage: (of, page, viewerId) => pageReviews(db, of, page, viewerId),
  };
}

/** What the reviews resolvers receive. */
export type ReviewContext = ServiceContext<ReviewLoaders>;
