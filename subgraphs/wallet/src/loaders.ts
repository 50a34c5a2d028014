import DataLoader from 'dataloader';
import { findOwnEvent, type EventEnvelope } from '@sx/events';
import type { Db, ServiceContext } from '@sx/runtime';
import type { TimePageRequest } from '@sx/core';
import { findUserAccounts, type WalletAccountRow } from './db/account-queries.js';
import { findPaymentsByIds, findPaymentsByTaskIds } from './db/payment-queries.js';
import { outbox, type PaymentRow } from './db/tables.js';
import { findAccountEntry, pageAccountEntries, type AccountEntry } from './db/transfer-queries.js';
import { findDestination, pagePayoutRuns } from './db/payout-queries.js';

// What the loaders hand out, for resolvers (which never import db/ themselves).
export type { AccountEntry, PaymentRow, WalletAccountRow };

/** The per-request reads of wallet's resolvers: batching DataLoaders and the other queries they need. */
export interface WalletLoaders {
  /** A user's wallet accounts, one per currency they have used, oldest first, with what escrow holds. */
  userAccounts: DataLoader<string, WalletAccountRow[]>;
  payment: DataLoader<string, PaymentRow | null>;
  /** The escrow payment of a task, or null until a bid on it is accepted. */
  taskPayment: DataLoader<string, PaymentRow | null>;
  /** One page of an account's history, newest first (limit + 1 entries). */
  accountEntries(accountId: string, page: TimePageRequest): Promise<AccountEntry[]>;
  /** One transfer as `accountId`'s history shows it; null when the account is not one of its ends. */
  accountEntry(accountId: string, transferId: string): Promise<AccountEntry | null>;
  /** One of wallet's own events, read back from its outbox; null for an unknown id. */
  ownEvent(id: string): Promise<EventEnvelope | null>;
  /** Where a user's payouts go; null until they set one. */
  payoutDestination(userId: string): ReturnType<typeof findDestination>;
  /** One page of payout runs, newest first (limit + 1 rows). */
  payoutRuns(page: TimePageRequest): ReturnType<typeof pagePayoutRuns>;
}

/** Postgres returns uuids in lower case; callers may send any case. */
function byKey<R>(rows: R[], keyOf: (row: R) => string | null): Map<string, R> {
  const map = new Map<string, R>();
  for (const row of rows) {
    const key = keyOf(row);
    if (key !== null && !map.has(key)) map.set(key, row);
  }
  return map;
}

export type WalletContext = ServiceContext<WalletLoaders>;

function userAccountsLoader(db: Db): DataLoader<string, WalletAccountRow[]> {
  return new DataLoader(async (ownerIds) => {
    const byOwner = new Map<string, WalletAccountRow[]>();
    for (const account of await findUserAccounts(db, ownerIds)) {
      if (account.ownerId === null) continue;
      const list = byOwner.get(account.ownerId) ?? [];
      list.push(account);
      byOwner.set(account.ownerId, list);
    }
    return ownerIds.map((id) => byOwner.get(id.toLowerCase()) ?? []);
  });
}

export function createLoaders(db: Db): WalletLoaders {
  return {
    userAccounts: userAccountsLoader(db),
    payment: new DataLoader(async (ids) => {
      const found = byKey(await findPaymentsByIds(db, ids), (p) => p.id);
      return ids.map((id) => found.get(id.toLowerCase()) ?? null);
    }),
    taskPayment: new DataLoader(async (taskIds) => {
      const found = byKey(await findPaymentsByTaskIds(db, taskIds), (p) => p.taskId);
      return taskIds.map((id) => found.get(id.toLowerCase()) ?? null);
    }),
    accountEntries: (accountId, page) => pageAccountEntries(db, { accountId, page }),
    accountEntry: (accountId, transferId) => findAccountEntry(db, { accountId, transferId }),
    ownEvent: (id) => findOwnEvent(db, outbox, id),
    payoutDestination: (userId) => findDestination(db, userId.toLowerCase()),
    payoutRuns: (page) => pagePayoutRuns(db, page),
  };
}
