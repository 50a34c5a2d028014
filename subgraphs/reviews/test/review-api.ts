import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { taskCompleted, type EventEnvelope, type PayloadOf } from '@sx/events';
import type { Db } from '@sx/runtime';
import type { Identity } from '@sx/core';
import { eventEnvelope, eventually, stackInfo, subgraphGql, type EventPublisher, type GraphQLResponse, scrapeMetrics } from '@sx/testkit';

/** A caller of the reviews subgraph, signed as the gateway would sign them. */
export const userCaller = (userId: string = randomUUID()): Partial<Identity> & { userId: string } => ({ userId, roles: ['POSTER', 'TASKER'] });

export const REVIEW_FIELDS = `id rating comment createdAt author { id } subject { id } task { id }`;

export interface ReviewView {
  id: string;
  rating: number;
  comment: string;
  createdAt: string;
  author: { id: string };
  subject: { id: string };
  task: { id: string };
}

export function leaveReviewRaw(caller: Partial<Identity>, input: Record<string, unknown>) {
  return subgraphGql<{ leaveReview: ReviewView }>(
    'reviews',
    `mutation($input: LeaveReviewInput!) { leaveReview(input: $input) { ${REVIEW_FIELDS} } }`,
    { input },
    caller,
  );
}

/** The answer while the completion has not reached reviews' replica yet. */
export function isNotYetReviewable(res: GraphQLResponse<unknown>): boolean {
  const ext = res.errors?.[0]?.extensions;
  return ext?.code === 'CONFLICT' && ext.retryable === true;
}

/**
 * Calls leaveReview until it stops answering the retryable CONFLICT (the completed event is
 * still on its way), and returns the first other answer.
 */
export function leaveReviewOnceReviewable(caller: Partial<Identity>, input: Record<string, unknown>) {
  return eventually(
    () => leaveReviewRaw(caller, input),
    (res) => !isNotYetReviewable(res),
    { what: `task ${String(input.taskId)} reviewable` },
  );
}

export async function leaveReview(caller: Partial<Identity>, input: Record<string, unknown>): Promise<ReviewView> {
  const res = await leaveReviewOnceReviewable(caller, input);
  if (res.errors?.length || !res.data) throw new Error(`leaveReview failed: ${JSON.stringify(res.errors)}`);
  return res.data.leaveReview;
}

export type CompletedEvent = EventEnvelope<PayloadOf<typeof taskCompleted>>;

/** A tasks.task.completed of a fresh task (fresh poster and assignee unless given). */
export function completedEvent(data: Partial<CompletedEvent['data']> = {}, occurredAt = new Date()): CompletedEvent {
  return eventEnvelope(
    taskCompleted,
    { taskId: randomUUID(), posterId: randomUUID(), assigneeId: randomUUID(), completedBy: 'POSTER', ...data },
    { occurredAt },
  );
}

/**
 * Publishes a completed task as the tasks subgraph's relay would, so it becomes reviewable
 * without the rest of the saga; returns its poster and assignee.
 */
export async function completeTask(events: EventPublisher): Promise<CompletedEvent['data']> {
  const event = completedEvent();
  await events.send(event);
  return event.data;
}

export interface TaskState {
  reviews: { authorId: string; subjectId: string; rating: number; comment: string }[];
  events: { type: string; data: Record<string, unknown> }[];
}

/** Everything reviews stores about one task: its reviews and the outbox events about them. */
export async function reviewsOfTask(db: Db, taskId: string): Promise<TaskState> {
  const reviews = await db.execute<TaskState['reviews'][number]>(
    sql`SELECT author_id AS "authorId", subject_id AS "subjectId", rating, comment FROM reviews.reviews WHERE task_id = ${taskId} ORDER BY created_at, id`,
  );
  const events = await db.execute<TaskState['events'][number]>(
    sql`SELECT type, envelope->'data' AS data FROM reviews.outbox WHERE envelope->'data'->>'taskId' = ${taskId} ORDER BY seq`,
  );
  return { reviews: reviews.rows, events: events.rows };
}

export function dataOf<T>(res: GraphQLResponse<T>): T {
  if (res.errors?.length || !res.data) throw new Error(`GraphQL errors: ${JSON.stringify(res.errors)}`);
  return res.data;
}

export interface RatingView {
  average: number | null;
  count: number;
}

/** User.rating of each user, in one request (the entities the gateway would ask for). */
export async function ratingsOf(userIds: string[]): Promise<RatingView[]> {
  const res = await subgraphGql<{ _entities: { rating: RatingView }[] }>(
    'reviews',
    `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on User { rating { average count } } } }`,
    { reps: userIds.map((id) => ({ __typename: 'User', id })) },
  );
  return dataOf(res)._entities.map((e) => e.rating);
}

/** How many events a consumer of the reviews service found already handled (its inbox had them). */
export async function duplicatesHandled(consumer: string): Promise<number> {
  const text = await scrapeMetrics(stackInfo().services.reviews ?? '');
  const line = text
    .split('\n')
    .find((l) => l.startsWith('sx_events_handled_total{') && l.includes(`consumer="${consumer}"`) && l.includes('outcome="duplicate"'));
  return line ? Number(line.split(' ').at(-1)) : 0;
}
