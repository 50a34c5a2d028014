/**
 * The gateway bench's data set, written with SQL straight into each subgraph's own schema
 * (generate_series), because going through the API would take hours. Every replica is filled
 * from the rows it mirrors in the same transaction, as the events would have left them: bids'
 * task replica, reviews' completed tasks and ratings, wallet's known users.
 *
 * Everything is a formula of a row number, so the bench knows without asking the database who
 * posted task i, who bid on it and which taskers have not (see seed-plan.ts).
 */
import type pg from 'pg';
import { type SeedScale, seedCounts } from './seed-plan.js';

/**
 * The same uuid for the same (kind, number) everywhere: `md5(kind-number)` with the version (4)
 * and variant (8) digits set, so it passes every uuid check (event schemas are strict).
 */
const uid = (kind: string, n: string) => `overlay(overlay(md5('sx-bench-${kind}-' || (${n})) placing '4' from 13) placing '8' from 17)::uuid`;
/** SQL of the 1-based user number that posted task `i` (mirrors posterOf in seed-plan.ts). */
const posterNo = (i: string, users: number) => `((${i}) * 7919 % ${users} + 1)`;
const assigneeNo = (i: string, users: number) => `(((${i}) * 7919 + ${Math.floor(users / 2) - 1}) % ${users} + 1)`;
const bidderNo = (i: string, j: string, users: number) => `(((${i}) * 31 + (${j}) * 97 + ${Math.floor(users / 2)}) % ${users} + 1)`;

function usersSql(scale: SeedScale): string {
  return `
    INSERT INTO users.users (id, email, password_hash, name, roles, bio, skills, created_at, updated_at)
    SELECT ${uid('user', 'k')}, 'bench-user-' || k || '@example.test', $1,
           (ARRAY['Ada','Ben','Chloe','Dev','Emil','Farah','Gus','Hana','Ivo','Jun'])[k % 10 + 1] || ' ' ||
           (ARRAY['Novak','Okafor','Petrov','Quinn','Rossi','Sato','Tanaka','Ulm','Varga','Weber'])[(k / 10) % 10 + 1],
           ARRAY['POSTER','TASKER'], 'Bench user ' || k, ARRAY['cleaning','moving'],
           now() - interval '400 days' + k * interval '1 minute', now() - interval '400 days' + k * interval '1 minute'
    FROM generate_series(1, ${scale.users}) k`;
}

/** Tasks 1..open are OPEN (newest), the rest COMPLETED with an accepted bid and its payment id. */
function tasksSql(scale: SeedScale): string {
  const { open } = seedCounts(scale);
  return `
    INSERT INTO tasks.tasks (id, poster_id, assignee_id, bid_id, payment_id, title, description, category,
                             budget_amount_minor, budget_currency, lat, lng, address, due_at, status,
                             created_at, updated_at, done_at, completed_at)
    SELECT ${uid('task', 'i')}, ${uid('user', posterNo('i', scale.users))},
           CASE WHEN done THEN ${uid('user', assigneeNo('i', scale.users))} END,
           CASE WHEN done THEN ${uid('accepted-bid', 'i')} END,
           CASE WHEN done THEN ${uid('payment', 'i')} END,
           (ARRAY['Fix','Clean','Move','Assemble','Paint','Deliver','Mow','Set up'])[i % 8 + 1] || ' ' ||
           (ARRAY['the kitchen sink','a wardrobe','two sofas','the garden','a laptop','the garage','a bookshelf'])[i % 7 + 1] || ' #' || i,
           'Task ' || i || ': tools provided, flexible hours, pets on site.',
           (ARRAY['CLEANING','MOVING','HANDYMAN','DELIVERY','GARDENING','TECH','OTHER'])[i % 7 + 1]::tasks.task_category,
           2000 + (i * 37) % 50000, (ARRAY['USD','USD','USD','EUR','GBP'])[i % 5 + 1],
           CASE WHEN i % 10 <> 9 THEN c.lat + ((i * 13) % 100 - 50) / 1000.0 END,
           CASE WHEN i % 10 <> 9 THEN c.lng + ((i * 17) % 100 - 50) / 1000.0 END,
           CASE WHEN i % 10 <> 9 THEN 'Street ' || i % 300 END,
           CASE WHEN i % 3 = 0 THEN now() + (1 + i % 60) * interval '1 day' END,
           CASE WHEN done THEN 'COMPLETED' ELSE 'OPEN' END::tasks.task_status,
           created, created, CASE WHEN done THEN created + interval '2 days' END, CASE WHEN done THEN created + interval '3 days' END
    FROM generate_series(1, ${scale.tasks}) i
    CROSS JOIN LATERAL (SELECT i > ${open} AS done, date_trunc('milliseconds', now()) - i * interval '37 seconds' AS created) t
    JOIN (VALUES (0, 52.52, 13.405), (1, 51.507, -0.128), (2, 48.857, 2.352), (3, 40.713, -74.006), (4, 40.4168, -3.7038))
         AS c(n, lat, lng) ON c.n = i % 5`;
}

/** Standing bids on open tasks (30 on every popular one), and the accepted bid of each completed one. */
function bidsSql(scale: SeedScale): string[] {
  const { open } = seedCounts(scale);
  return [
    `INSERT INTO bids.task_replica (task_id, poster_id, status, budget_minor, currency, due_at, last_event_at)
     SELECT id, poster_id, status::text, budget_amount_minor, budget_currency, due_at, updated_at FROM tasks.tasks`,
    `INSERT INTO bids.bids (id, task_id, tasker_id, amount_minor, currency, message, status, created_at, updated_at)
     SELECT ${uid('bid', "i || '-' || j")}, ${uid('task', 'i')}, ${uid('user', bidderNo('i', 'j', scale.users))},
            1000 + (i * 7 + j * 131) % 40000, (ARRAY['USD','USD','USD','EUR','GBP'])[i % 5 + 1],
            'I can do this, bid ' || j, 'PENDING', created + (j + 1) * interval '1 second', created + (j + 1) * interval '1 second'
     FROM generate_series(1, ${open}) i
     CROSS JOIN LATERAL (SELECT date_trunc('milliseconds', now()) - i * interval '37 seconds' AS created,
                                CASE WHEN i % 25 = 0 THEN 30 ELSE 4 + i % 8 END AS n) t
     CROSS JOIN LATERAL generate_series(0, t.n - 1) j
     WHERE ${bidderNo('i', 'j', scale.users)} <> ${posterNo('i', scale.users)}`,
    `INSERT INTO bids.bids (id, task_id, tasker_id, amount_minor, currency, message, status, created_at, updated_at)
     SELECT bid_id, id, assignee_id, budget_amount_minor, budget_currency, 'Happy to help', 'ACCEPTED', created_at + interval '1 hour', done_at
     FROM tasks.tasks WHERE status = 'COMPLETED'`,
  ];
}

/** Both participants of every completed task review each other; ratings are their running totals. */
function reviewsSql(): string[] {
  return [
    `INSERT INTO reviews.completed_tasks (task_id, poster_id, assignee_id, completed_at)
     SELECT id, poster_id, assignee_id, completed_at FROM tasks.tasks WHERE status = 'COMPLETED'`,
    `INSERT INTO reviews.reviews (task_id, author_id, subject_id, rating, comment, created_at)
     SELECT task_id, author, subject, rating, 'Great to work with', completed_at + interval '1 hour'
     FROM (SELECT task_id, completed_at, poster_id AS author, assignee_id AS subject,
                  5 - (abs(hashtext(task_id::text)) % 4 = 0)::int - (abs(hashtext(task_id::text)) % 11 = 0)::int AS rating
           FROM reviews.completed_tasks
           UNION ALL
           SELECT task_id, completed_at, assignee_id, poster_id, 5 - (abs(hashtext(task_id::text || 'p')) % 3 = 0)::int
           FROM reviews.completed_tasks) r`,
    `INSERT INTO reviews.ratings (subject_id, count, sum, updated_at)
     SELECT subject_id, count(*), sum(rating), max(created_at) FROM reviews.reviews GROUP BY subject_id`,
  ];
}

/** Fills a migrated, empty database with the bench's data set; returns the row counts. */
export async function seedBenchData(pool: pg.Pool, scale: SeedScale, passwordHash: string): Promise<Record<string, number>> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query(usersSql(scale), [passwordHash]);
    await client.query('INSERT INTO wallet.known_users (user_id, created_at) SELECT id, created_at FROM users.users');
    await client.query(tasksSql(scale));
    for (const statement of [...bidsSql(scale), ...reviewsSql()]) await client.query(statement);
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK');
    throw err;
  } finally {
    client.release();
  }
  // Fresh statistics, so the planner sees the real table sizes from the first request on.
  await pool.query('ANALYZE users.users, tasks.tasks, bids.bids, bids.task_replica, reviews.reviews, reviews.completed_tasks, reviews.ratings, wallet.known_users');
  const counts: Record<string, number> = {};
  for (const table of ['users.users', 'tasks.tasks', 'bids.bids', 'reviews.reviews', 'reviews.ratings', 'wallet.known_users']) {
    const { rows } = await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
    counts[table] = rows[0]?.n ?? 0;
  }
  return counts;
}
