import DataLoader from 'dataloader';
import type { Db } from '@sx/runtime';
import { findUserAccounts } from './db/account-queries.js';
import { findPaymentsByIds, findPaymentsByTaskIds } from './db/payment-queries.js';
import type { AccountRow, PaymentRow } from './db/tables.js';

export interface WalletLoaders {
  /** A user's wallet account (their oldest user account), or null before their first transfer. */
  userAccount: DataLoader<string, AccountRow | null>;
  payment: DataLoader<string, PaymentRow | null>;
  /** The escrow payment of a task, or null until a bid on it is accepted. */
  taskPayment: DataLoader<string, PaymentRow | null>;
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

export function createLoaders(db: Db): WalletLoaders {
  return {
    userAccount: new DataLoader(async (ownerIds) => {
      const found = byKey(await findUserAccounts(db, ownerIds), (a) => a.ownerId);
      return ownerIds.map((id) => found.get(id.toLowerCase()) ?? null);
    }),
    payment: new DataLoader(async (ids) => {
      const found = byKey(await findPaymentsByIds(db, ids), (p) => p.id);
      return ids.map((id) => found.get(id.toLowerCase()) ?? null);
    }),
    taskPayment: new DataLoader(async (taskIds) => {
      const found = byKey(await findPaymentsByTaskIds(db, taskIds), (p) => p.taskId);
      return taskIds.map((id) => found.get(id.toLowerCase()) ?? null);
    }),
  };
}
