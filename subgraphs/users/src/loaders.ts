import DataLoader from 'dataloader';
import type { Db } from '@sx/runtime';
import { findVerifiedUserIds } from './db/account-token-queries.js';
import { findUsersByIds } from './db/user-queries.js';
import type { UserRow } from './db/tables.js';

// What the loaders hand out, for resolvers (which never import db/ themselves).
export type { UserRow };

export interface UserLoaders {
  user: DataLoader<string, UserRow | null>;
  /** Whether each user has verified their email. */
  emailVerified: DataLoader<string, boolean>;
}

export function createLoaders(db: Db): UserLoaders {
  return {
    user: new DataLoader(async (ids) => {
      const rows = await findUsersByIds(db, ids);
      const byId = new Map(rows.map((r) => [r.id, r]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    emailVerified: new DataLoader(async (ids) => {
      const verified = await findVerifiedUserIds(db, ids);
      return ids.map((id) => verified.has(id));
    }),
  };
}
