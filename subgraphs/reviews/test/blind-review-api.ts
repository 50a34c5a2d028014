import { sql } from 'drizzle-orm';
import type { Db } from '@sx/runtime';
import { gql, gqlOk, type GraphQLResponse, type TestUser } from '@sx/testkit';

// Blind reviews through the gateway, for tasks whose completion the tests publish themselves
// (their ids are unknown to tasks, so nothing here selects Review.task).

export const DAY_MS = 24 * 60 * 60 * 1000;

export interface SeenReview {
  id: string;
  rating: number;
  revealedAt: string | null;
  author: { id: string };
}

const SEEN = 'id rating revealedAt author { id }';
const as = (viewer: TestUser | null) => (viewer ? { token: viewer.accessToken } : {});

export function leaveReviewAs(author: TestUser, input: { taskId: string; rating: number; comment?: string }): Promise<GraphQLResponse<{ leaveReview: SeenReview }>> {
  return gql(`mutation($input: LeaveReviewInput!) { leaveReview(input: $input) { ${SEEN} } }`, { input }, as(author));
}

/** The reviews `viewer` (null: anonymous) sees on a user's profile, and the user's rating. */
export async function profileSeenBy(viewer: TestUser | null, userId: string) {
  const data = await gqlOk<{ user: { rating: { average: number | null; count: number }; reviews: { edges: { node: SeenReview }[] } } }>(
    `query($id: ID!) { user(id: $id) { rating { average count } reviews(first: 10) { edges { node { ${SEEN} } } } } }`,
    { id: userId },
    as(viewer),
  );
  return { rating: data.user.rating, reviews: data.user.reviews.edges.map((e) => e.node) };
}

/** Moves a task's completion into the past, as if `ms` had gone by since. */
export async function backdateCompletion(db: Db, taskId: string, ms: number): Promise<void> {
  await db.execute(sql`UPDATE reviews.completed_tasks SET completed_at = completed_at - ${`${ms} milliseconds`}::interval WHERE task_id = ${taskId}`);
}

/** The reviews.review.revealed events of a task's reviews, oldest first. */
export async function revealEventsOf(db: Db, taskId: string): Promise<{ reviewId: string; reason: string }[]> {
  const rows = await db.execute<{ reviewId: string; reason: string }>(
    sql`SELECT envelope->'data'->>'reviewId' AS "reviewId", envelope->'data'->>'reason' AS reason FROM reviews.outbox
        WHERE type = 'reviews.review.revealed' AND envelope->'data'->>'taskId' = ${taskId} ORDER BY seq`,
  );
  return rows.rows;
}
