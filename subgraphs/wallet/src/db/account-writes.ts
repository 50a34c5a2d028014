import { and, asc, eq, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { Currency } from '@sx/core';
import type { AccountKind } from '../domain/ledger-kinds.js';
import { assertInvariant } from '../domain/invariant.js';
import { accounts, type AccountRow } from './tables.js';
import type { Tx } from '@sx/runtime';

/**
 * Names one ledger account: a user's wallet in a currency, the escrow account of one payment,
 * or one of the platform's own accounts.
 */
export type AccountRef =
  | { kind: 'user'; ownerId: string; currency: Currency }
  | { kind: 'escrow'; paymentId: string; currency: Currency }
  | { kind: Exclude<AccountKind, 'user' | 'escrow'>; currency: Currency; /** HOT_ACCOUNT_SHARDS; 0 when absent. */ shard?: number };

const ownerOf = (ref: AccountRef): string | null => (ref.kind === 'user' ? ref.ownerId : null);
const paymentOf = (ref: AccountRef): string | null => (ref.kind === 'escrow' ? ref.paymentId : null);
const shardOf = (ref: AccountRef): number => (ref.kind === 'user' || ref.kind === 'escrow' ? 0 : (ref.shard ?? 0));
const naturalKey = (ref: AccountRef) => `${ref.kind}|${ownerOf(ref) ?? ''}|${paymentOf(ref) ?? ''}|${ref.currency}|${shardOf(ref)}`;

export function sameAccount(ref: AccountRef, row: AccountRow): boolean {
  return row.kind === ref.kind && row.ownerId === ownerOf(ref) && row.paymentId === paymentOf(ref) && row.currency === ref.currency && row.shard === shardOf(ref);
}

const equalOrNull = (column: typeof accounts.ownerId | typeof accounts.paymentId, value: string | null) =>
  value === null ? isNull(column) : eq(column, value);

function matches(ref: AccountRef): SQL | undefined {
  return and(
    eq(accounts.kind, ref.kind),
    eq(accounts.currency, ref.currency),
    equalOrNull(accounts.ownerId, ownerOf(ref)),
    equalOrNull(accounts.paymentId, paymentOf(ref)),
    eq(accounts.shard, shardOf(ref)),
  );
}

/**
 * Opens the accounts that do not exist yet (a wallet opens with its first money) and locks all
 * of them, in the order of their ids. Every transaction locks accounts in that one order, so two
 * transfers over the same accounts wait for each other instead of deadlocking. New rows are
 * inserted in natural-key order for the same reason (a concurrent insert of the same key waits).
 */
export async function openAndLockAccounts(tx: Tx, refs: readonly AccountRef[]): Promise<AccountRow[]> {
  const sorted = [...refs].sort((a, b) => (naturalKey(a) < naturalKey(b) ? -1 : 1));
  await tx
    .insert(accounts)
    .values(sorted.map((ref) => ({ kind: ref.kind, ownerId: ownerOf(ref), paymentId: paymentOf(ref), currency: ref.currency, shard: shardOf(ref) })))
    .onConflictDoNothing();
  const rows = await tx
    .select()
    .from(accounts)
    .where(or(...sorted.map(matches)))
    .orderBy(asc(accounts.id))
    .for('update');
  assertInvariant(rows.length === refs.length, `expected ${refs.length} accounts, locked ${rows.length}`);
  return rows;
}

/**
 * Adds `deltaMinor` to each locked account's balance in one statement; returns the balances
 * the database computed, which the caller compares with its own. A transfer's two accounts go
 * through one named statement, parsed and planned once per connection.
 */
export async function addToBalances(tx: Tx, deltas: readonly { accountId: string; deltaMinor: number }[]): Promise<Map<string, number>> {
  const [first, second] = deltas;
  if (deltas.length === 2 && first && second) return addToTwoBalances(tx, first, second);
  const cases = sql.join(
    deltas.map((d) => sql`WHEN ${d.accountId}::uuid THEN ${d.deltaMinor}::bigint`),
    sql` `,
  );
  const rows = await tx
    .update(accounts)
    .set({ balanceMinor: sql`${accounts.balanceMinor} + CASE ${accounts.id} ${cases} END` })
    .where(inArray(accounts.id, deltas.map((d) => d.accountId)))
    .returning({ id: accounts.id, balanceMinor: accounts.balanceMinor });
  return new Map(rows.map((r) => [r.id, r.balanceMinor]));
}

type Delta = { accountId: string; deltaMinor: number };

async function addToTwoBalances(tx: Tx, a: Delta, b: Delta): Promise<Map<string, number>> {
  const rows = await tx
    .update(accounts)
    .set({
      balanceMinor: sql`${accounts.balanceMinor} + CASE ${accounts.id} WHEN ${sql.placeholder('a')}::uuid THEN ${sql.placeholder('da')}::bigint WHEN ${sql.placeholder('b')}::uuid THEN ${sql.placeholder('db')}::bigint END`,
    })
    .where(inArray(accounts.id, [sql.placeholder('a'), sql.placeholder('b')]))
    .returning({ id: accounts.id, balanceMinor: accounts.balanceMinor })
    .prepare('wallet_add_to_two_balances')
    .execute({ a: a.accountId, da: a.deltaMinor, b: b.accountId, db: b.deltaMinor });
  return new Map(rows.map((r) => [r.id, r.balanceMinor]));
}
