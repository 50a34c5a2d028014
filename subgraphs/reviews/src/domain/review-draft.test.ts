import { describe, expect, it } from 'vitest';
import { BadUserInput, NotFound } from '@sx/core';
import { MAX_REVIEW_COMMENT_LENGTH, parseReviewDraft } from './review-draft.js';

const TASK_ID = '0b5f5f0e-6a43-4c1e-9d0e-2f4b9a7c1d11';

describe('parseReviewDraft', () => {
  it('accepts every whole rating from 1 to 5, trims the comment and lower-cases the task id', () => {
    for (const rating of [1, 2, 3, 4, 5]) {
      expect(parseReviewDraft({ taskId: TASK_ID.toUpperCase(), rating, comment: '  Great work!  ' })).toEqual({
        taskId: TASK_ID,
        rating,
        comment: 'Great work!',
      });
    }
  });

  it('treats a missing comment as an empty one', () => {
    expect(parseReviewDraft({ taskId: TASK_ID, rating: 4 }).comment).toBe('');
    expect(parseReviewDraft({ taskId: TASK_ID, rating: 4, comment: null }).comment).toBe('');
  });

  it.each([0, 6, -1, 3.5, Number.NaN])('refuses rating %s with a message naming the allowed range', (rating) => {
    expect(() => parseReviewDraft({ taskId: TASK_ID, rating })).toThrow(BadUserInput);
    expect(() => parseReviewDraft({ taskId: TASK_ID, rating })).toThrow('rating must be a whole number from 1 to 5');
  });

  it('accepts a comment of exactly the maximum length, counting an emoji as one character', () => {
    const comment = '👍'.repeat(MAX_REVIEW_COMMENT_LENGTH);
    expect(parseReviewDraft({ taskId: TASK_ID, rating: 5, comment }).comment).toBe(comment);
  });

  it('refuses a comment one character over the maximum, saying how long it is', () => {
    const comment = 'a'.repeat(MAX_REVIEW_COMMENT_LENGTH + 1);
    expect(() => parseReviewDraft({ taskId: TASK_ID, rating: 5, comment })).toThrow(BadUserInput);
    expect(() => parseReviewDraft({ taskId: TASK_ID, rating: 5, comment })).toThrow('at most 2000 characters; it has 2001');
  });

  it('answers a malformed task id with NOT_FOUND: it can never name a task', () => {
    expect(() => parseReviewDraft({ taskId: 'task-1', rating: 5 })).toThrow(NotFound);
  });
});
