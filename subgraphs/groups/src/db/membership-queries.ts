import { and, asc, count, eq, gt, inArray, or, type SQL } from 'drizzle-orm';
import { isUuid, onlyUuids, type TimePageRequest } from '@sx/core';
import type { Db, Tx } from '@sx/runtime';
import type { GroupRole } from '../domain/membership.js';
import { groups, memberships, type GroupRow, type MembershipRow } from './tables.js';

type Executor = Db | Tx;

/** A group as one of its members sees it. */
export type GroupView = GroupRow & { myRole: GroupRole };

/** The caller's role in a group, or null (not a member, no such group, or not an id at all). */
export async function findRole(db: Executor, groupId: string, userId: string, opts: { lock?: boolean } = {}): Promise<GroupRole | null> {
  if (!isUuid(groupId)) return null;
  const query = db.select({ role: memberships.role }).from(memberships).where(and(eq(memberships.groupId, groupId), eq(memberships.userId, userId)));
  // FOR UPDATE on the caller's own row: a member removed concurrently cannot still act.
  const [row] = opts.lock ? await query.for('update') : await query;
  return row?.role ?? null;
}

/** Groups by id as seen by `userId`: only those they belong to. */
export async function findGroupsOfMember(db: Executor, groupIds: readonly string[], userId: string): Promise<GroupView[]> {
  const ids = onlyUuids(groupIds);
  if (ids.length === 0) return [];
  const rows = await db
    .select({ group: groups, role: memberships.role })
    .from(groups)
    .innerJoin(memberships, and(eq(memberships.groupId, groups.id), eq(memberships.userId, userId)))
    .where(inArray(groups.id, ids));
  return rows.map((r) => ({ ...r.group, myRole: r.role }));
}

/** Every member's id (a group has at most MAX_GROUP_MEMBERS). */
export async function memberIdsOf(db: Executor, groupId: string): Promise<Set<string>> {
  const rows = await db.select({ userId: memberships.userId }).from(memberships).where(eq(memberships.groupId, groupId));
  return new Set(rows.map((r) => r.userId));
}

export async function memberCount(db: Executor, groupId: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(memberships).where(eq(memberships.groupId, groupId));
  return row?.n ?? 0;
}

/** Members in join order, keyset-paginated on (joined_at, user_id). */
export async function pageMembers(db: Executor, groupId: string, page: TimePageRequest): Promise<MembershipRow[]> {
  const filters: SQL[] = [eq(memberships.groupId, groupId)];
  if (page.after) {
    const { at, id } = page.after;
    const later = or(gt(memberships.joinedAt, at), and(eq(memberships.joinedAt, at), gt(memberships.userId, id)));
    if (later) filters.push(later);
  }
  return db.select().from(memberships).where(and(...filters)).orderBy(asc(memberships.joinedAt), asc(memberships.userId)).limit(page.limit + 1);
}

/** A user's groups in join order, keyset-paginated on (joined_at, group_id). */
export async function pageGroupsOfUser(db: Executor, userId: string, page: TimePageRequest): Promise<(GroupView & { joinedAt: Date })[]> {
  const filters: SQL[] = [eq(memberships.userId, userId)];
  if (page.after) {
    const { at, id } = page.after;
    const later = or(gt(memberships.joinedAt, at), and(eq(memberships.joinedAt, at), gt(memberships.groupId, id)));
    if (later) filters.push(later);
  }
  const rows = await db
    .select({ group: groups, role: memberships.role, joinedAt: memberships.joinedAt })
    .from(memberships)
    .innerJoin(groups, eq(groups.id, memberships.groupId))
    .where(and(...filters))
    .orderBy(asc(memberships.joinedAt), asc(memberships.groupId))
    .limit(page.limit + 1);
  return rows.map((r) => ({ ...r.group, myRole: r.role, joinedAt: r.joinedAt }));
}

export async function insertGroup(tx: Tx, group: { name: string; createdBy: string }): Promise<GroupRow> {
  const [row] = await tx.insert(groups).values(group).returning();
  if (!row) throw new Error('group was not written');
  return row;
}

/** Adds a member; false when they already belong (a replayed accept). */
export async function insertMembership(tx: Tx, m: { groupId: string; userId: string; role: GroupRole }): Promise<boolean> {
  const rows = await tx.insert(memberships).values(m).onConflictDoNothing().returning({ userId: memberships.userId });
  return rows.length > 0;
}

export async function deleteMembership(tx: Tx, groupId: string, userId: string): Promise<void> {
  await tx.delete(memberships).where(and(eq(memberships.groupId, groupId), eq(memberships.userId, userId)));
}

/** Locks the group row: membership changes of one group run one at a time (the member cap, the owner rule). */
export async function lockGroup(tx: Tx, groupId: string): Promise<GroupRow | null> {
  if (!isUuid(groupId)) return null;
  const [row] = await tx.select().from(groups).where(eq(groups.id, groupId)).for('update');
  return row ?? null;
}
