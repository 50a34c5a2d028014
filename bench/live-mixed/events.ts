/**
 * The live bench's data and events: users seeded like the gateway bench's (tokens minted with
 * the bench's secret), one open public task, and events appended to the subgraphs' own outboxes
 * in their own transactions, as the subgraphs would (the relays publish them).
 */
import { randomUUID } from 'node:crypto';
import { pgSchema } from 'drizzle-orm/pg-core';
import pg from 'pg';
import { appendEvent, moneyDeposited, outboxTable, taskUpdated } from '@sx/events';
import { createDb, signAccessToken, type Db } from '@sx/runtime';
import { seedBenchData } from '../gateway/seed.js';
import { benchId, currencyOf, posterOf, type SeedScale } from '../gateway/seed-plan.js';
import { benchSecrets } from '../gateway/viewer.js';

const walletOutbox = outboxTable(pgSchema('wallet'));
const tasksOutbox = outboxTable(pgSchema('tasks'));

export interface LiveData {
  db: Db;
  scale: SeedScale;
  taskId: string;
  tokenOf: (user: number) => string;
  close: () => Promise<void>;
}

export interface SentEvent {
  id: string;
  kind: 'payment' | 'task';
  /** When its transaction committed, ms since the epoch (receivers run in other processes). */
  sentAt: number;
  /** Deliveries it calls for: its one user, or every watcher of the task. */
  expected: number;
}

export async function seedLiveData(databaseUrl: string, users: number): Promise<LiveData> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  const scale = { users, tasks: 20 };
  await seedBenchData(pool, scale, 'not used: nobody signs in with a password here');
  const tokens: string[] = [];
  for (let user = 1; user <= users; user += 1) {
    tokens.push(await signAccessToken({ userId: benchId('user', user), roles: ['POSTER', 'TASKER'] }, benchSecrets().JWT_SECRET, 3600));
  }
  return { db: createDb(pool), scale, taskId: benchId('task', 1), tokenOf: (user) => tokens[user - 1] ?? '', close: () => pool.end() };
}

async function paymentEvent(live: LiveData, user: number): Promise<string> {
  const userId = benchId('user', user);
  const amount = { amountMinor: 100 + user, currency: 'USD' };
  const data = { transactionId: randomUUID(), userId, walletId: randomUUID(), amount, balanceAfter: { amountMinor: amount.amountMinor, currency: 'USD' } };
  const envelope = await live.db.transaction((tx) => appendEvent(tx, walletOutbox, moneyDeposited, data, { service: 'wallet', actor: { kind: 'user', id: userId } }));
  return envelope.id;
}

async function taskEvent(live: LiveData): Promise<string> {
  const posterId = benchId('user', posterOf(live.scale, 1));
  const data = { taskId: live.taskId, posterId, status: 'OPEN' as const, budget: { amountMinor: 2037, currency: currencyOf(1) }, dueAt: null };
  const envelope = await live.db.transaction((tx) => appendEvent(tx, tasksOutbox, taskUpdated, data, { service: 'tasks', actor: { kind: 'user', id: posterId } }));
  return envelope.id;
}

/** RATE events a second, evenly spaced, for SECONDS seconds; every 1/taskShare-th one a task event. */
export async function sendBursts(live: LiveData, opts: { users: number; watchers: number; rate: number; seconds: number; taskShare: number }): Promise<SentEvent[]> {
  const sent: SentEvent[] = [];
  const total = opts.rate * opts.seconds;
  const taskEvery = opts.taskShare > 0 ? Math.round(1 / opts.taskShare) : Number.POSITIVE_INFINITY;
  const started = performance.now();
  for (let n = 0; n < total; n += 1) {
    const due = started + (n * 1000) / opts.rate;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const isTask = n % taskEvery === taskEvery - 1;
    const id = isTask ? await taskEvent(live) : await paymentEvent(live, (n % opts.users) + 1);
    sent.push({ id, kind: isTask ? 'task' : 'payment', sentAt: performance.timeOrigin + performance.now(), expected: isTask ? opts.watchers : 1 });
  }
  await live.close();
  return sent;
}
