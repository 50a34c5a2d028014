/**
 * Checks that the seeded data set is what the events would have left: each replica agrees with
 * the rows it mirrors. Returns one line per disagreement (empty: consistent). The bench runs it
 * after seeding and a test runs it on a small data set.
 */
import type pg from 'pg';

const CHECKS: readonly (readonly [string, string])[] = [
  [
    'tasks missing from bids.task_replica or differing from it',
    `SELECT count(*)::int AS n FROM tasks.tasks t LEFT JOIN bids.task_replica r ON r.task_id = t.id
     WHERE r.task_id IS NULL OR r.poster_id <> t.poster_id OR r.status <> t.status::text
        OR r.budget_minor <> t.budget_amount_minor OR r.currency <> t.budget_currency`,
  ],
  ['task replica rows without a task', `SELECT count(*)::int AS n FROM bids.task_replica r WHERE NOT EXISTS (SELECT 1 FROM tasks.tasks t WHERE t.id = r.task_id)`],
  ['bids on unknown tasks', `SELECT count(*)::int AS n FROM bids.bids b WHERE NOT EXISTS (SELECT 1 FROM bids.task_replica r WHERE r.task_id = b.task_id)`],
  ['bids by unknown users', `SELECT count(*)::int AS n FROM bids.bids b WHERE NOT EXISTS (SELECT 1 FROM users.users u WHERE u.id = b.tasker_id)`],
  ['bids by the task poster', `SELECT count(*)::int AS n FROM bids.bids b JOIN bids.task_replica r ON r.task_id = b.task_id WHERE r.poster_id = b.tasker_id`],
  ['bids in another currency than their task', `SELECT count(*)::int AS n FROM bids.bids b JOIN bids.task_replica r ON r.task_id = b.task_id WHERE r.currency <> b.currency`],
  [
    'completed tasks whose accepted bid is missing or is not the assignee\'s',
    `SELECT count(*)::int AS n FROM tasks.tasks t LEFT JOIN bids.bids b ON b.id = t.bid_id
     WHERE t.status = 'COMPLETED' AND (b.id IS NULL OR b.tasker_id <> t.assignee_id OR b.status <> 'ACCEPTED' OR b.task_id <> t.id)`,
  ],
  [
    'completed tasks missing from reviews.completed_tasks or differing from it',
    `SELECT count(*)::int AS n FROM tasks.tasks t FULL JOIN reviews.completed_tasks c ON c.task_id = t.id AND t.status = 'COMPLETED'
     WHERE (t.status = 'COMPLETED' OR c.task_id IS NOT NULL)
       AND (t.id IS NULL OR c.task_id IS NULL OR c.poster_id <> t.poster_id OR c.assignee_id <> t.assignee_id OR c.completed_at <> t.completed_at)`,
  ],
  [
    'reviews whose author and subject are not the task\'s two participants',
    `SELECT count(*)::int AS n FROM reviews.reviews r JOIN reviews.completed_tasks c ON c.task_id = r.task_id
     WHERE NOT ((r.author_id = c.poster_id AND r.subject_id = c.assignee_id) OR (r.author_id = c.assignee_id AND r.subject_id = c.poster_id))`,
  ],
  [
    'ratings that are not the totals of the reviews received',
    `SELECT count(*)::int AS n FROM reviews.ratings g FULL JOIN (SELECT subject_id, count(*)::int AS c, sum(rating)::int AS s FROM reviews.reviews GROUP BY subject_id) r
       ON r.subject_id = g.subject_id
     WHERE g.subject_id IS NULL OR r.subject_id IS NULL OR g.count <> r.c OR g.sum <> r.s`,
  ],
  [
    'users unknown to wallet, or known users that do not exist',
    `SELECT count(*)::int AS n FROM users.users u FULL JOIN wallet.known_users k ON k.user_id = u.id WHERE u.id IS NULL OR k.user_id IS NULL`,
  ],
];

export async function seedInconsistencies(pool: pg.Pool): Promise<string[]> {
  const problems: string[] = [];
  for (const [what, sql] of CHECKS) {
    const { rows } = await pool.query<{ n: number }>(sql);
    const n = rows[0]?.n ?? 0;
    if (n > 0) problems.push(`${n} ${what}`);
  }
  return problems;
}
