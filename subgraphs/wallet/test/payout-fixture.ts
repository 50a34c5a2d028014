import { randomUUID } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import { createDb, createLogger, createPool, type Db } from '@sx/runtime';
import { stackInfo, subgraphGql } from '@sx/testkit';
import { accounts, outbox, payoutDestinations, payouts, providerRequests, transfers } from '../src/db/tables.js';
import type { WalletDeps } from '../src/deps.js';
import { createLocalProvider } from '../src/payment-provider/local-provider.js';
import type { PaymentProvider } from '../src/payment-provider/payment-provider.js';
import { dataOf } from './wallet-api.js';

// Daily payout tests call the job's commands directly against the test stack's database (the
// stack's own payout job is off: PAYOUTS_ENABLED=false in the test kit).

/** A pool of its own: a run holds one connection for its lock and needs more for its payouts. */
export function openPayoutDb(): { db: Db; close: () => Promise<void> } {
  const pool = createPool({ url: stackInfo().databaseUrl, max: 6 });
  return { db: createDb(pool), close: () => pool.end() };
}

export const THRESHOLD_MINOR = 1_000;
export const VALID_IBAN = 'GB82 WEST 1234 5698 7654 32';

export function payoutDeps(db: Db, provider?: PaymentProvider): WalletDeps & { log: ReturnType<typeof createLogger> } {
  return {
    db,
    provider: provider ?? createLocalProvider(db, { maxChargeMinor: 2_500_000, maxPayoutMinor: 1_000_000 }),
    keys: { leaseMs: 30_000, ttlHours: 24 },
    log: createLogger('wallet-test', 'silent'),
  };
}

/** Run options for a day of its own (each test its own day, so runs do not see each other's payouts). */
export const runOn = (day: string) => ({ now: new Date(`${day}T03:00:00Z`), thresholdMinor: THRESHOLD_MINOR, batch: 2, maxPerRun: 1_000 });

export const asTasker = (userId: string) => ({ userId, roles: ['TASKER' as const] });

export function setDestinationRaw(userId: string, input: Record<string, unknown>, roles: ('POSTER' | 'TASKER' | 'ADMIN')[] = ['TASKER']) {
  return subgraphGql<{ setPayoutDestination: { holderName: string; accountNumberMasked: string; updatedAt: string } }>(
    'wallet',
    `mutation($input: SetPayoutDestinationInput!) { setPayoutDestination(input: $input) { holderName accountNumberMasked updatedAt } }`,
    { input },
    { userId, roles },
  );
}

export async function setDestination(userId: string): Promise<void> {
  dataOf(await setDestinationRaw(userId, { holderName: 'Test Tasker', accountNumber: VALID_IBAN }));
}

/** What the ledger and the provider hold about one user's payouts. */
export async function payoutState(db: Db, userId: string) {
  const [wallet] = await db.select().from(accounts).where(and(eq(accounts.kind, 'user'), eq(accounts.ownerId, userId), eq(accounts.currency, 'USD')));
  const rows = await db.select().from(payouts).where(eq(payouts.userId, userId));
  const ids = rows.map((p) => p.id);
  const providerRows = ids.length ? await db.select().from(providerRequests).where(inArray(providerRequests.requestId, ids)) : [];
  const debits = ids.length ? await db.select().from(transfers).where(inArray(transfers.reference, ids.map((id) => `payout:${id}`))) : [];
  const events = ids.length ? await db.select().from(outbox).where(inArray(outbox.aggregateId, ids)) : [];
  return {
    balanceMinor: wallet?.balanceMinor ?? 0,
    payouts: rows,
    providerRequests: providerRows,
    /** Payout debits of this user's payouts in the ledger. */
    debits,
    events: events.map((e) => e.type),
  };
}

/** Removes the destinations of users a test made, so later tests' runs do not pay them. */
export async function forgetDestinations(db: Db, userIds: string[]): Promise<void> {
  if (userIds.length) await db.delete(payoutDestinations).where(inArray(payoutDestinations.userId, userIds));
}

export const newTasker = (): string => randomUUID();

export const RUNS = `query($first: Int, $after: String) { payoutRuns(first: $first, after: $after) {
  edges { cursor node { id day startedAt finishedAt paidCount failedCount pendingCount totals { amount currency } } }
  pageInfo { hasNextPage endCursor } } }`;
export interface RunsPage {
  payoutRuns: { edges: { cursor: string; node: { id: string; day: string; paidCount: number; totals: { amount: number; currency: string }[] } }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
}


/** The user's in-app notifications (the notifications subgraph, fed by wallet's payout events). */
export async function notificationKinds(userId: string): Promise<{ kind: string; body: string }[]> {
  const res = await subgraphGql<{ notifications: { edges: { node: { kind: string; body: string } }[] } }>(
    'notifications',
    `{ notifications(first: 10) { edges { node { kind body } } } }`,
    {},
    { userId, roles: ['TASKER'] },
  );
  return dataOf(res).notifications.edges.map((e) => e.node);
}
