import { z } from 'zod';
import { defineEvent } from './define.js';
import { uuid } from './shared-fields.js';

/** A participant of a completed task reviewed the other; ratings are maintained from this. */
export const reviewLeft = defineEvent({
  type: 'reviews.review.left',
  schema: z.object({ reviewId: uuid, taskId: uuid, authorId: uuid, subjectId: uuid, rating: z.number().int().min(1).max(5) }),
  aggregateId: (d) => d.subjectId,
});

export const REVIEWS_EVENTS = [reviewLeft];
