import DataLoader from 'dataloader';
import type { Db } from '@sx/runtime';
import { findReviewsByIds, ratingsBySubject, type RatingRow } from './db/review-queries.js';
import type { ReviewRow } from './db/tables.js';

export interface ReviewLoaders {
  review: DataLoader<string, ReviewRow | null>;
  rating: DataLoader<string, RatingRow>;
}

export function createLoaders(db: Db): ReviewLoaders {
  return {
    review: new DataLoader(async (ids) => {
      const rows = await findReviewsByIds(db, ids);
      const byId = new Map(rows.map((r) => [r.id, r]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    rating: new DataLoader(async (subjectIds) => {
      const rows = await ratingsBySubject(db, subjectIds);
      const bySubject = new Map(rows.map((r) => [r.subjectId, r]));
      return subjectIds.map((id) => bySubject.get(id) ?? { subjectId: id, average: null, count: 0 });
    }),
  };
}
