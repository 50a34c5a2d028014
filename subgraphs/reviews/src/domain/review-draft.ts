import { BadUserInput, isUuid, NotFound } from '@sx/core';

/** Stars a review gives: 1 (poor) to 5 (excellent); the table CHECKs the same. */
export const MIN_RATING = 1;
export const MAX_RATING = 5;
/** Longest comment a review may carry, in characters; the table CHECKs the same. */
export const MAX_REVIEW_COMMENT_LENGTH = 2_000;

/** A validated review; whether its author may leave it is decided against the completed task. */
export interface ReviewDraft {
  taskId: string;
  rating: number;
  comment: string;
}

/** A review as its author sends it (the API's LeaveReviewInput), not validated yet. */
export interface ReviewDraftInput {
  taskId: string;
  rating: number;
  comment?: string | null;
}

function parseRating(rating: number): number {
  // GraphQL's Int already refuses fractions; this guards callers that bypass it.
  if (!Number.isInteger(rating) || rating < MIN_RATING || rating > MAX_RATING) {
    throw new BadUserInput('INVALID_INPUT', `rating must be a whole number from ${MIN_RATING} to ${MAX_RATING}; you sent ${rating}.`);
  }
  return rating;
}

function parseComment(comment: string): string {
  const trimmed = comment.trim();
  // Counted in code points, like Postgres' char_length, so an emoji counts once.
  const length = [...trimmed].length;
  if (length > MAX_REVIEW_COMMENT_LENGTH) {
    throw new BadUserInput('INVALID_INPUT', `comment must be at most ${MAX_REVIEW_COMMENT_LENGTH} characters; it has ${length}.`);
  }
  return trimmed;
}

/** Checks every field of a new review; the first bad one is reported. */
export function parseReviewDraft(input: ReviewDraftInput): ReviewDraft {
  // A malformed id can never name a task, now or later: not found, not "retry".
  if (!isUuid(input.taskId)) throw new NotFound('TASK_NOT_FOUND', `There is no task with id "${input.taskId}".`);
  return {
    taskId: input.taskId.toLowerCase(),
    rating: parseRating(input.rating),
    comment: parseComment(input.comment ?? ''),
  };
}
