import { randomUUID } from 'node:crypto';
import { jetstream } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { sql } from 'drizzle-orm';
import type { Db } from '@sx/runtime';
import type { Identity } from '@sx/core';
import { eventually, stackInfo, subgraphGql, type GraphQLResponse } from '@sx/testkit';

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

export interface CompletedEvent {
  id: string;
  type: 'tasks.task.completed';
  version: 1;
  occurredAt: string;
  actor: { kind: 'system'; id: null };
  traceparent: null;
  data: { taskId: string; posterId: string; assigneeId: string; completedBy: 'POSTER' | 'AUTO_RELEASE' };
}

export function completedEvent(data: Partial<CompletedEvent['data']> = {}, occurredAt = new Date()): CompletedEvent {
  return {
    id: randomUUID(),
    type: 'tasks.task.completed',
    version: 1,
    occurredAt: occurredAt.toISOString(),
    actor: { kind: 'system', id: null },
    traceparent: null,
    data: { taskId: randomUUID(), posterId: randomUUID(), assigneeId: randomUUID(), completedBy: 'POSTER', ...data },
  };
}

/**
 * The run's NATS streams: tests publish `tasks.task.completed` as the tasks subgraph's relay
 * would, so a task becomes reviewable without the rest of the saga (and replay other events).
 */
export class RunStreams {
  private constructor(private readonly nc: NatsConnection) {}

  static async open(): Promise<RunStreams> {
    return new RunStreams(await connect({ servers: process.env.NATS_URL ?? 'nats://127.0.0.1:4222' }));
  }

  /**
   * Publishes an envelope on its type's subject, with Nats-Msg-Id = event id unless told
   * otherwise; says whether JetStream dropped it as a duplicate.
   */
  async publish(event: { id: string; type: string }, msgID: string = event.id): Promise<{ duplicate: boolean }> {
    const subject = `${stackInfo().eventsNamespace}.${event.type}`;
    const ack = await jetstream(this.nc).publish(subject, JSON.stringify(event), { msgID });
    return { duplicate: ack.duplicate };
  }

  /** A completed task with fresh poster and assignee ids. */
  async completeTask(): Promise<CompletedEvent['data']> {
    const event = completedEvent();
    await this.publish(event);
    return event.data;
  }

  close(): Promise<void> {
    return this.nc.close();
  }
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
  const text = await (await fetch(`${stackInfo().services.reviews}/metrics`)).text();
  const line = text
    .split('\n')
    .find((l) => l.startsWith('sx_events_handled_total{') && l.includes(`consumer="${consumer}"`) && l.includes('outcome="duplicate"'));
  return line ? Number(line.split(' ').at(-1)) : 0;
}
