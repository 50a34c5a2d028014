import { describe, expect, it } from 'vitest';
import { createLogger } from '@sx/runtime';
import { errorCode, eventually, signUpUser, type TestUser } from '@sx/testkit';
import { useEventPublisher, useStackDb } from '@sx/testkit/hooks';
import { runRevealReviews } from '../src/jobs/reveal-reviews.js';
import { backdateCompletion, DAY_MS, leaveReviewAs, profileSeenBy, revealEventsOf } from './blind-review-api.js';
import { completedEvent, isNotYetReviewable, reviewsOfTask } from './review-api.js';

const db = useStackDb();
const stream = useEventPublisher();
const log = createLogger('reveal-reviews-test', 'silent');
const WINDOW_MS = 14 * DAY_MS;

/** A task the two users just completed together, as tasks would announce it. */
async function completedBetween(poster: TestUser, tasker: TestUser): Promise<string> {
  const event = completedEvent({ posterId: poster.id, assigneeId: tasker.id });
  await stream.send(event);
  return event.data.taskId;
}

/** Waits for the completion to reach reviews: a stranger is then FORBIDDEN instead of told to retry. */
async function untilReviewable(stranger: TestUser, taskId: string): Promise<void> {
  const res = await eventually(() => leaveReviewAs(stranger, { taskId, rating: 3 }), (r) => !isNotYetReviewable(r), { what: 'task reviewable' });
  expect(errorCode(res)).toBe('FORBIDDEN');
}

/** Leaves a review once the completion has reached reviews. */
async function review(author: TestUser, taskId: string, rating: number) {
  const res = await eventually(() => leaveReviewAs(author, { taskId, rating }), (r) => !isNotYetReviewable(r), { what: 'task reviewable' });
  if (res.errors || !res.data) throw new Error(`leaveReview failed: ${JSON.stringify(res.errors)}`);
  return res.data.leaveReview;
}

const people = () => Promise.all([signUpUser({ name: 'Poppy Poster' }), signUpUser({ name: 'Tom Tasker' }), signUpUser({ name: 'Olga Other' })]);

describe('blind reviews, through the gateway', () => {
  it('shows a first review to its author only, then both to everyone once the other side reviews, and counts them only then', async () => {
    const [poster, tasker, other] = await people();
    const taskId = await completedBetween(poster, tasker);

    const first = await review(poster, taskId, 5);
    expect(first.revealedAt).toBeNull();
    expect((await profileSeenBy(poster, tasker.id)).reviews).toEqual([first]);
    for (const viewer of [tasker, other, null]) expect(await profileSeenBy(viewer, tasker.id)).toEqual({ rating: { average: null, count: 0 }, reviews: [] });
    expect(await revealEventsOf(db, taskId)).toEqual([]);

    const second = await review(tasker, taskId, 3);
    expect(second.revealedAt).not.toBeNull();
    const reveals = await revealEventsOf(db, taskId);
    expect(reveals).toEqual(
      expect.arrayContaining([
        { reviewId: first.id, reason: 'BOTH_REVIEWED' },
        { reviewId: second.id, reason: 'BOTH_REVIEWED' },
      ]),
    );
    expect(reveals).toHaveLength(2);

    for (const viewer of [poster, tasker, other, null]) {
      const ofTasker = await eventually(() => profileSeenBy(viewer, tasker.id), (p) => p.rating.count === 1, { what: "the tasker's rating" });
      expect(ofTasker.rating).toEqual({ average: 5, count: 1 });
      expect(ofTasker.reviews.map((r) => [r.id, r.author.id, r.revealedAt !== null])).toEqual([[first.id, poster.id, true]]);
    }
    const ofPoster = await eventually(() => profileSeenBy(null, poster.id), (p) => p.rating.count === 1, { what: "the poster's rating" });
    expect(ofPoster.rating).toEqual({ average: 3, count: 1 });
  });

  it('reveals both reviews exactly once when the two sides review at the same moment', async () => {
    const [poster, tasker, other] = await people();
    const taskId = await completedBetween(poster, tasker);
    // The pair race on a task already reviewable.
    await untilReviewable(other, taskId);

    const [a, b] = await Promise.all([leaveReviewAs(poster, { taskId, rating: 4 }), leaveReviewAs(tasker, { taskId, rating: 2 })]);
    expect([a.errors, b.errors]).toEqual([undefined, undefined]);
    const reveals = await revealEventsOf(db, taskId);
    expect(reveals.map((r) => r.reason)).toEqual(['BOTH_REVIEWED', 'BOTH_REVIEWED']);
    expect(new Set(reveals.map((r) => r.reviewId))).toEqual(new Set([a.data?.leaveReview.id, b.data?.leaveReview.id]));
    const seen = await profileSeenBy(null, tasker.id);
    expect(seen.reviews.map((r) => r.rating)).toEqual([4]);
  });

  it('refuses a review once the 14-day window has closed, and writes nothing', async () => {
    const [poster, tasker, other] = await people();
    const taskId = await completedBetween(poster, tasker);
    await untilReviewable(other, taskId);
    await backdateCompletion(db, taskId, WINDOW_MS + 60_000);

    const late = await leaveReviewAs(tasker, { taskId, rating: 4 });
    expect(errorCode(late)).toBe('CONFLICT');
    expect(late.errors?.[0]?.extensions?.reason).toBe('REVIEW_WINDOW_CLOSED');
    expect(late.errors?.[0]?.message).toContain('review window closed');
    expect(await reviewsOfTask(db, taskId)).toEqual({ reviews: [], events: [] });
  });

  it('lets the reveal job show a lone review when its window closes, once, and count it', async () => {
    const [poster, tasker, other] = await people();
    const taskId = await completedBetween(poster, tasker);
    const lone = await review(poster, taskId, 2);
    const opts = { db, log, reviewWindowMs: WINDOW_MS, batchSize: 50 };

    // Not yet: 13 days after completion the review is still the author's alone.
    await backdateCompletion(db, taskId, 13 * DAY_MS);
    await runRevealReviews(opts);
    expect((await profileSeenBy(other, tasker.id)).reviews).toEqual([]);

    await backdateCompletion(db, taskId, 2 * DAY_MS);
    await Promise.all([runRevealReviews(opts), runRevealReviews(opts)]);
    expect(await revealEventsOf(db, taskId)).toEqual([{ reviewId: lone.id, reason: 'WINDOW_CLOSED' }]);
    const seen = await eventually(() => profileSeenBy(other, tasker.id), (p) => p.rating.count === 1, { what: 'the revealed rating' });
    expect(seen.rating).toEqual({ average: 2, count: 1 });
    expect(seen.reviews.map((r) => [r.id, r.revealedAt !== null])).toEqual([[lone.id, true]]);

    // The other side can no longer answer it with a review of their own.
    const late = await leaveReviewAs(tasker, { taskId, rating: 1 });
    expect(late.errors?.[0]?.extensions?.reason).toBe('REVIEW_WINDOW_CLOSED');
    await runRevealReviews(opts);
    expect(await revealEventsOf(db, taskId)).toHaveLength(1);
  });
});
