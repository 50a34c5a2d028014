import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { useEventPublisher, useStackDb } from '@sx/testkit/hooks';
import { errorCode } from '@sx/testkit';
import { completeTask, leaveReview, leaveReviewOnceReviewable, leaveReviewRaw, reviewsOfTask, userCaller } from './review-api.js';

const db = useStackDb();
const stream = useEventPublisher();

describe('leaveReview', () => {
  it('lets the poster review the assignee and the assignee review the poster, each with a reviews.review.left event', async () => {
    const task = await completeTask(stream);
    const byPoster = await leaveReview(userCaller(task.posterId), { taskId: task.taskId, rating: 5, comment: '  Spotless work, on time.  ' });
    expect(byPoster).toMatchObject({
      rating: 5,
      comment: 'Spotless work, on time.',
      author: { id: task.posterId },
      subject: { id: task.assigneeId },
      task: { id: task.taskId },
    });
    expect(Number.isNaN(Date.parse(byPoster.createdAt))).toBe(false);

    const byAssignee = await leaveReview(userCaller(task.assigneeId), { taskId: task.taskId, rating: 4 });
    expect(byAssignee).toMatchObject({ rating: 4, comment: '', author: { id: task.assigneeId }, subject: { id: task.posterId } });

    const state = await reviewsOfTask(db, task.taskId);
    expect(state.reviews).toEqual([
      { authorId: task.posterId, subjectId: task.assigneeId, rating: 5, comment: 'Spotless work, on time.' },
      { authorId: task.assigneeId, subjectId: task.posterId, rating: 4, comment: '' },
    ]);
    const fromPoster = { reviewId: byPoster.id, taskId: task.taskId, authorId: task.posterId, subjectId: task.assigneeId, rating: 5 };
    const fromAssignee = { reviewId: byAssignee.id, taskId: task.taskId, authorId: task.assigneeId, subjectId: task.posterId, rating: 4 };
    // The second review reveals both (blind reviews), in its own transaction.
    expect(state.events).toEqual([
      { type: 'reviews.review.left', data: fromPoster },
      { type: 'reviews.review.left', data: fromAssignee },
      { type: 'reviews.review.revealed', data: { ...fromPoster, reason: 'BOTH_REVIEWED' } },
      { type: 'reviews.review.revealed', data: { ...fromAssignee, reason: 'BOTH_REVIEWED' } },
    ]);
  });

  it('refuses a second review by the same participant with CONFLICT and keeps the first', async () => {
    const task = await completeTask(stream);
    const poster = userCaller(task.posterId);
    await leaveReview(poster, { taskId: task.taskId, rating: 2, comment: 'Late.' });

    const again = await leaveReviewRaw(poster, { taskId: task.taskId, rating: 5, comment: 'Changed my mind.' });
    expect(errorCode(again)).toBe('CONFLICT');
    expect(again.errors?.[0]?.extensions?.reason).toBe('ALREADY_REVIEWED');
    expect(again.errors?.[0]?.message).toContain('already reviewed this task');

    const state = await reviewsOfTask(db, task.taskId);
    expect(state.reviews).toEqual([{ authorId: task.posterId, subjectId: task.assigneeId, rating: 2, comment: 'Late.' }]);
    expect(state.events).toHaveLength(1);
  });

  it('lets exactly one of two simultaneous reviews by the same participant through', async () => {
    const task = await completeTask(stream);
    const assignee = userCaller(task.assigneeId);
    // The first call waits for the replica, so the racing pair both meet a reviewable task.
    const warmUp = await leaveReviewOnceReviewable(userCaller(), { taskId: task.taskId, rating: 3 });
    expect(errorCode(warmUp)).toBe('FORBIDDEN');

    const answers = await Promise.all(
      [1, 2, 3, 4].map((rating) => leaveReviewRaw(assignee, { taskId: task.taskId, rating, comment: `attempt ${rating}` })),
    );
    expect(answers.filter((a) => !a.errors).length).toBe(1);
    expect(answers.filter((a) => errorCode(a) === 'CONFLICT').length).toBe(3);
    const state = await reviewsOfTask(db, task.taskId);
    expect(state.reviews).toHaveLength(1);
    expect(state.events).toHaveLength(1);
  });

  it('forbids anyone but the poster and the assignee to review the task, and writes nothing', async () => {
    const task = await completeTask(stream);
    const res = await leaveReviewOnceReviewable(userCaller(), { taskId: task.taskId, rating: 1, comment: 'Never met them.' });
    expect(errorCode(res)).toBe('FORBIDDEN');
    expect(res.errors?.[0]?.message).toContain('Only the task');
    expect(await reviewsOfTask(db, task.taskId)).toEqual({ reviews: [], events: [] });
  });

  it.each([0, 6, 3.5])('refuses rating %s with BAD_USER_INPUT and writes nothing', async (rating) => {
    const task = await completeTask(stream);
    const poster = userCaller(task.posterId);
    // A stranger's FORBIDDEN shows the task is reviewable, so the refusal below is about the rating.
    expect(errorCode(await leaveReviewOnceReviewable(userCaller(), { taskId: task.taskId, rating: 3 }))).toBe('FORBIDDEN');

    const res = await leaveReviewRaw(poster, { taskId: task.taskId, rating });
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0]?.message).toMatch(/rating|Int/);
    expect(JSON.stringify(res.errors)).not.toMatch(/stacktrace|at .*\.ts:/);
    expect(await reviewsOfTask(db, task.taskId)).toEqual({ reviews: [], events: [] });
  });

  it('refuses a comment over 2000 characters with BAD_USER_INPUT', async () => {
    const task = await completeTask(stream);
    const res = await leaveReviewRaw(userCaller(task.posterId), { taskId: task.taskId, rating: 4, comment: 'x'.repeat(2_001) });
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0]?.message).toBe('comment must be at most 2000 characters; it has 2001.');
    expect(await reviewsOfTask(db, task.taskId)).toEqual({ reviews: [], events: [] });
  });

  it('answers a task that is not completed (or not yet known to be) with a retryable CONFLICT', async () => {
    const taskId = randomUUID();
    const res = await leaveReviewRaw(userCaller(), { taskId, rating: 5 });
    expect(errorCode(res)).toBe('CONFLICT');
    expect(res.errors?.[0]?.extensions).toMatchObject({ reason: 'TASK_NOT_COMPLETED', retryable: true });
    expect(res.errors?.[0]?.message).toContain('may take a moment after completion');
    expect(await reviewsOfTask(db, taskId)).toEqual({ reviews: [], events: [] });
  });

  it('refuses a signed-out caller with UNAUTHENTICATED', async () => {
    const task = await completeTask(stream);
    const res = await leaveReviewRaw({ userId: null, roles: [] }, { taskId: task.taskId, rating: 5 });
    expect(errorCode(res)).toBe('UNAUTHENTICATED');
    expect(await reviewsOfTask(db, task.taskId)).toEqual({ reviews: [], events: [] });
  });

  it('answers a malformed task id with NOT_FOUND', async () => {
    const res = await leaveReviewRaw(userCaller(), { taskId: 'not-a-task', rating: 5 });
    expect(errorCode(res)).toBe('NOT_FOUND');
    expect(res.errors?.[0]?.message).toContain('There is no task with id "not-a-task"');
  });
});
