import DataLoader from 'dataloader';
import type { Db, ServiceContext } from '@sx/runtime';
import { findUserAccounts, type WalletAccountRow } from './db/account-queries.js';
import { findPaymentsByIds, findPaymentsByTaskIds } from './db/payment-queries.js';
import type { PaymentRow } from './db/tables.js';

export interface WalletLoaders {
  /** A user's wallet accounts, one per currency they have used, oldest first, with what escrow holds. */
  userAccounts: DataLoader<string, WalletAccountRow[]>;
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

export type WalletContext = ServiceContext<WalletLoaders>;

export function createLoaders(db: Db): WalletLoaders {
  return {
    userAccounts: new DataLoader(async (ownerIds) => {
      const byOwner = new Map<string, WalletAccountRow[]>();
      for (const account of await findUserAccounts(db, ownerIds)) {
        if (account.ownerId === null) continue;
        const list = byOwner.get(account.ownerId) ?? [];
        list.push(account);
        byOwner.set(account.ownerId, list);
      }
      return ownerIds.map((id) => byOwner.get(id.toLowerCase()) ?? []);
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
