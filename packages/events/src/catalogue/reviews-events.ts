import { z } from 'zod';
import { defineEvent } from './define.js';
import { uuid } from './shared-fields.js';

/**
 * A participant of a completed task reviewed the other. Reviews are blind: this says only that a
 * review exists (the subject is told, to nudge them to review back); ratings wait for the reveal.
 */
export const reviewLeft = defineEvent({
  type: 'reviews.review.left',
  schema: z.object({ reviewId: uuid, taskId: uuid, authorId: uuid, subjectId: uuid, rating: z.number().int().min(1).max(5) }),
  aggregateId: (d) => d.subjectId,
});

/**
 * A review became visible to everyone: the other participant reviewed too (BOTH_REVIEWED), or the
 * review window after completion closed (WINDOW_CLOSED). Ratings count a review from this event.
 */
export const reviewRevealed = defineEvent({
  type: 'reviews.review.revealed',
  schema: z.object({
    reviewId: uuid,
    taskId: uuid,
    authorId: uuid,
    subjectId: uuid,
    rating: z.number().int().min(1).max(5),
    reason: z.enum(['BOTH_REVIEWED', 'WINDOW_CLOSED']),
  }),
  aggregateId: (d) => d.subjectId,
});

export const REVIEWS_EVENTS = [reviewLeft, reviewRevealed];
