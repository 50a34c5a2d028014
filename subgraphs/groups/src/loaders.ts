import DataLoader from 'dataloader';
import type { TimePageRequest } from '@sx/core';
import type { Db, ServiceContext } from '@sx/runtime';
import { findExpensesByIds, groupLedger, pageExpenses, sharesOfExpenses, type ShareView } from './db/expense-queries.js';
import { findGroupTasksByIds, pageGroupTasks } from './db/group-task-queries.js';
import { emailOf, pageInvitations, type InvitationsOf, type InvitationView } from './db/invitation-queries.js';
import { findGroupsOfMember, memberIdsOf, pageGroupsOfUser, pageMembers, type GroupView } from './db/membership-queries.js';
import { pointsSince } from './db/points-queries.js';
import type { ExpenseRow, ExpenseShareRow, GroupTaskRow, MembershipRow, SettlementRow } from './db/tables.js';
import type { GroupTaskStatus } from './domain/group-task.js';

/** The rows resolvers receive, as the loaders return them. */
export type { GroupView } from './db/membership-queries.js';
export type { ShareView } from './db/expense-queries.js';
export type { GroupTaskRow, MembershipRow } from './db/tables.js';

/** Key of a group as one user sees it. */
export const viewerKey = (groupId: string, userId: string): string => `${groupId}|${userId}`;

/** Every read the groups resolvers make: they reach the database through nothing else. */
export interface GroupLoaders {
  /** A group as the user in the key sees it: null unless they are a member. */
  groupForViewer: DataLoader<string, GroupView | null>;
  groupTask: DataLoader<string, GroupTaskRow | null>;
  expense: DataLoader<string, ExpenseRow | null>;
  /** The shares of an expense, in split order, with their settlements. */
  sharesOfExpense: DataLoader<string, ShareView[]>;
  memberPage: (groupId: string, page: TimePageRequest) => Promise<MembershipRow[]>;
  groupPage: (userId: string, page: TimePageRequest) => Promise<(GroupView & { joinedAt: Date })[]>;
  invitationPage: (of: InvitationsOf, page: TimePageRequest) => Promise<InvitationView[]>;
  taskPage: (groupId: string, status: GroupTaskStatus | null, page: TimePageRequest) => Promise<GroupTaskRow[]>;
  expensePage: (groupId: string, page: TimePageRequest) => Promise<ExpenseRow[]>;
  pointsSince: (groupId: string, from: Date | null) => Promise<{ userId: string; points: number }[]>;
  /** Members and every share and payment: what balances are computed from. */
  books: (groupId: string) => Promise<{ memberIds: string[]; owed: ExpenseShareRow[]; paid: SettlementRow[] }>;
  emailOf: (userId: string) => Promise<string | null>;
}

function byId<T extends { id: string }>(load: (ids: readonly string[]) => Promise<T[]>): DataLoader<string, T | null> {
  return new DataLoader(async (ids) => {
    const rows = new Map((await load(ids)).map((r) => [r.id, r]));
    return ids.map((id) => rows.get(id) ?? null);
  });
}

export function createLoaders(db: Db): GroupLoaders {
  return {
    groupForViewer: new DataLoader(async (keys) => {
      // Usually one viewer per request: one query per viewer, for all their groups at once.
      const byViewer = new Map<string, string[]>();
      for (const key of keys) {
        const [groupId = '', userId = ''] = key.split('|');
        byViewer.set(userId, [...(byViewer.get(userId) ?? []), groupId]);
      }
      const found = new Map<string, GroupView>();
      for (const [userId, groupIds] of byViewer) {
        for (const g of await findGroupsOfMember(db, groupIds, userId)) found.set(viewerKey(g.id, userId), g);
      }
      return keys.map((k) => found.get(k) ?? null);
    }),
    groupTask: byId((ids) => findGroupTasksByIds(db, ids)),
    expense: byId((ids) => findExpensesByIds(db, ids)),
    sharesOfExpense: new DataLoader(async (expenseIds) => {
      const shares = await sharesOfExpenses(db, expenseIds);
      return expenseIds.map((id) => shares.filter((s) => s.expenseId === id));
    }),
    memberPage: (groupId, page) => pageMembers(db, groupId, page),
    groupPage: (userId, page) => pageGroupsOfUser(db, userId, page),
    invitationPage: (of, page) => pageInvitations(db, of, page),
    taskPage: (groupId, status, page) => pageGroupTasks(db, groupId, status, page),
    expensePage: (groupId, page) => pageExpenses(db, groupId, page),
    pointsSince: (groupId, from) => pointsSince(db, groupId, from),
    books: async (groupId) => {
      const [members, ledger] = await Promise.all([memberIdsOf(db, groupId), groupLedger(db, groupId)]);
      return { memberIds: [...members].sort(), ...ledger };
    },
    emailOf: (userId) => emailOf(db, userId),
  };
}

/** What the groups resolvers receive. */
export type GroupContext = ServiceContext<GroupLoaders>;
