import DataLoader from 'dataloader';
import type { Db } from '@sx/runtime';
import { findUsersByIds } from './db/user-queries.js';
import type { UserRow } from './db/tables.js';

// What the loaders hand out, for resolvers (which never import db/ themselves).
export type { UserRow };

export interface UserLoaders {
  user: DataLoader<string, UserRow | null>;
}

export function createLoaders(db: Db): UserLoaders {
  return {
    user: new DataLoader(async (ids) => {
      const rows = await findUsersByIds(db, ids);
      const byId = new Map(rows.map((r) => [r.id, r]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
  };
}
