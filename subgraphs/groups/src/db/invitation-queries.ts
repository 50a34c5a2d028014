import { and, desc, eq, lt, or, type SQL } from 'drizzle-orm';
import { isUuid, type TimePageRequest } from '@sx/core';
import type { Db, Tx } from '@sx/runtime';
import { groups, invitations, knownUsers, type InvitationRow } from './tables.js';

type Executor = Db | Tx;

/** An invitation with its group's name (what the invitee sees). */
export type InvitationView = InvitationRow & { groupName: string };

/** Records a user's address from their sign-up event; a replay changes nothing. */
export async function rememberUser(tx: Tx, user: { userId: string; email: string }): Promise<void> {
  await tx.insert(knownUsers).values({ userId: user.userId, email: user.email.toLowerCase() }).onConflictDoNothing();
}

export async function emailOf(db: Executor, userId: string): Promise<string | null> {
  const [row] = await db.select({ email: knownUsers.email }).from(knownUsers).where(eq(knownUsers.userId, userId));
  return row?.email ?? null;
}

export async function userIdByEmail(db: Executor, email: string): Promise<string | null> {
  const [row] = await db.select({ userId: knownUsers.userId }).from(knownUsers).where(eq(knownUsers.email, email));
  return row?.userId ?? null;
}

/** The pending invitation of `email` to a group, if one exists. */
export async function findPendingInvitation(db: Executor, groupId: string, email: string): Promise<InvitationRow | null> {
  const [row] = await db
    .select()
    .from(invitations)
    .where(and(eq(invitations.groupId, groupId), eq(invitations.email, email), eq(invitations.status, 'PENDING')));
  return row ?? null;
}

/** A pending invitation addressed to `email`, locked for its answer. */
export async function lockInvitationFor(tx: Tx, id: string, email: string): Promise<InvitationRow | null> {
  if (!isUuid(id)) return null;
  const [row] = await tx
    .select()
    .from(invitations)
    .where(and(eq(invitations.id, id), eq(invitations.email, email), eq(invitations.status, 'PENDING')))
    .for('update');
  return row ?? null;
}

export async function insertInvitation(tx: Tx, inv: { groupId: string; email: string; invitedBy: string }): Promise<InvitationRow> {
  const [row] = await tx.insert(invitations).values(inv).returning();
  if (!row) throw new Error('invitation was not written');
  return row;
}

export async function answerInvitation(tx: Tx, id: string, status: 'ACCEPTED' | 'DECLINED'): Promise<InvitationRow> {
  const [row] = await tx.update(invitations).set({ status, answeredAt: new Date() }).where(eq(invitations.id, id)).returning();
  if (!row) throw new Error(`invitation ${id} vanished`);
  return row;
}

/** Who an invitation list belongs to: a group's pending ones, or those sent to an address. */
export type InvitationsOf = { groupId: string } | { email: string };

/** Pending invitations, newest first, keyset-paginated on (created_at, id). */
export async function pageInvitations(db: Executor, of: InvitationsOf, page: TimePageRequest): Promise<InvitationView[]> {
  const filters: SQL[] = [eq(invitations.status, 'PENDING'), 'groupId' in of ? eq(invitations.groupId, of.groupId) : eq(invitations.email, of.email)];
  if (page.after) {
    const { at, id } = page.after;
    const before = or(lt(invitations.createdAt, at), and(eq(invitations.createdAt, at), lt(invitations.id, id)));
    if (before) filters.push(before);
  }
  const rows = await db
    .select({ invitation: invitations, groupName: groups.name })
    .from(invitations)
    .innerJoin(groups, eq(groups.id, invitations.groupId))
    .where(and(...filters))
    .orderBy(desc(invitations.createdAt), desc(invitations.id))
    .limit(page.limit + 1);
  return rows.map((r) => ({ ...r.invitation, groupName: r.groupName }));
}
