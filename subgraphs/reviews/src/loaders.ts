import DataLoader from 'dataloader';
import type { Db } from '@sx/runtime';
import { findRatingTotals } from './db/rating-queries.js';
import { findReviewsByIds } from './db/review-queries.js';
import type { ReviewRow } from './db/tables.js';
import { NO_RATINGS, type RatingTotals } from './domain/rating-average.js';

export interface ReviewLoaders {
  review: DataLoader<string, ReviewRow | null>;
  rating: DataLoader<string, RatingTotals>;
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
  };
}
