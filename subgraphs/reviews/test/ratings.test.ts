import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { EventEnvelope } from '@sx/events';
import { useEventPublisher, useStackDb } from '@sx/testkit/hooks';
import { sql } from 'drizzle-orm';
import { dbQueriesDuring, eventually } from '@sx/testkit';
import { ratings } from '../src/db/tables.js';
import { completedEvent, duplicatesHandled, leaveReview, ratingsOf, userCaller } from './review-api.js';

const db = useStackDb();
const stream = useEventPublisher();

const totalsOf = async (subjectId: string) =>
  (await db.select({ count: ratings.count, sum: ratings.sum }).from(ratings).where(sql`${ratings.subjectId} = ${subjectId}`))[0] ?? null;

describe('User.rating, maintained from reviews.review.revealed events', () => {
  const tasker = randomUUID();
  const [posterA, posterB, bystander] = [randomUUID(), randomUUID(), randomUUID()];

  it('averages what a user received on two tasks (5 and 4 make 4.5 over 2) and counts nothing twice', async () => {
    expect(await ratingsOf([tasker])).toEqual([{ average: null, count: 0 }]);
    const taskA = completedEvent({ posterId: posterA, assigneeId: tasker });
    const taskB = completedEvent({ posterId: posterB, assigneeId: tasker });
    await stream.send(taskA);
    await stream.send(taskB);

    await leaveReview(userCaller(posterA), { taskId: taskA.data.taskId, rating: 5, comment: 'Brilliant.' });
    const byB = await leaveReview(userCaller(posterB), { taskId: taskB.data.taskId, rating: 4 });
    await leaveReview(userCaller(tasker), { taskId: taskA.data.taskId, rating: 3, comment: 'Unclear brief.' });

    // Reviews are blind: task B's single review is hidden, so it does not count yet.
    const people = [tasker, posterA, posterB, bystander];
    const half = await eventually(() => ratingsOf(people), ([t, a]) => t?.count === 1 && a?.count === 1, { what: 'task A ratings counted' });
    expect(half).toEqual([
      { average: 5, count: 1 },
      { average: 3, count: 1 },
      { average: null, count: 0 },
      { average: null, count: 0 },
    ]);

    await leaveReview(userCaller(tasker), { taskId: taskB.data.taskId, rating: 1 });
    const seen = await eventually(() => ratingsOf(people), ([t, , b]) => t?.count === 2 && b?.count === 1, { what: 'ratings counted' });
    expect(seen).toEqual([
      { average: 4.5, count: 2 },
      { average: 3, count: 1 },
      { average: 1, count: 1 },
      { average: null, count: 0 },
    ]);
    expect(await totalsOf(tasker)).toEqual({ count: 2, sum: 9 });

    // Replaying a review event (as `events:replay` would after the dedup window) is not counted again.
    const [replayed] = (await db.execute<{ envelope: EventEnvelope }>(
      sql`SELECT envelope FROM reviews.outbox WHERE type = 'reviews.review.revealed' AND envelope->'data'->>'reviewId' = ${byB.id}`,
    )).rows;
    if (!replayed) throw new Error('the review event is not in the outbox');
    const before = await duplicatesHandled('reviews_ratings');
    await stream.send(replayed.envelope, { msgID: `${replayed.envelope.id}:replayed` });
    await eventually(() => duplicatesHandled('reviews_ratings'), (n) => n > before, { what: 'the replayed review event seen as a duplicate' });
    expect(await ratingsOf([tasker])).toEqual([{ average: 4.5, count: 2 }]);
    expect(await totalsOf(tasker)).toEqual({ count: 2, sum: 9 });
  });

  it('reads the ratings of 4 or 40 users in the same single SQL statement', async () => {
    const few = [tasker, posterA, posterB, bystander];
    const many = [...few, ...Array.from({ length: 36 }, () => randomUUID())];
    const forFew = await dbQueriesDuring('reviews', () => ratingsOf(few));
    const forMany = await dbQueriesDuring('reviews', () => ratingsOf(many));
    expect(forFew.result).toHaveLength(4);
    expect(forMany.result).toHaveLength(40);
    expect(forMany.result.slice(4).every((r) => r.count === 0 && r.average === null)).toBe(true);
    expect(forFew.queries).toBe(1);
    expect(forMany.queries).toBe(1);
  });
});
