import DataLoader from 'dataloader';
import type { Db } from '@sx/runtime';
import { findVerifiedUserIds } from './db/account-token-queries.js';
import { findUsersByIds, pageAccountIds } from './db/user-queries.js';
import type { AuditRow, UserRow } from './db/tables.js';
import { pageUsers } from './db/admin-queries.js';
import { pageAuditLog } from './db/audit-queries.js';
import type { AuditFilter } from './domain/audit.js';
import type { PageRequest, TimePageRequest } from '@sx/core';

// What the loaders hand out, for resolvers (which never import db/ themselves).
export type { AuditRow, UserRow };

export interface UserLoaders {
  user: DataLoader<string, UserRow | null>;
  /** Whether each user has verified their email. */
  emailVerified: DataLoader<string, boolean>;
  /** Administrators' list of users (Query.users). */
  userPage: (filter: { search: string | null; suspended: boolean | null }, page: PageRequest) => Promise<UserRow[]>;
  /** One page of the audit log (Query.auditLog). */
  auditPage: (filter: AuditFilter, page: TimePageRequest) => Promise<AuditRow[]>;
  /** Account ids in id order (Query.accountIds, the gateway's start-up read). */
  accountIdPage: (page: { after: string | null; limit: number }) => Promise<string[]>;
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
    userPage: (filter, page) => pageUsers(db, filter, page),
    auditPage: (filter, page) => pageAuditLog(db, filter, page),
    accountIdPage: (page) => pageAccountIds(db, page),
  };
}
