import { and, eq } from 'drizzle-orm';
import type { Queryable, Tx } from '@sx/runtime';
import { expensePayers, groupMembers, taskPosters } from './tables.js';

export type GroupRole = 'OWNER' | 'MEMBER';

// The replicas files keeps of other services' facts (tasks' and groups' events): who may change
// an attachment, and who may still download one.

/** tasks.task.hidden / .unhidden (null shows the task again); the events carry the poster, so order with .posted does not matter. */
export async function setTaskHidden(tx: Tx, args: { taskId: string; posterId: string; hiddenAt: Date | null }): Promise<void> {
  await tx.insert(taskPosters).values(args).onConflictDoUpdate({ target: taskPosters.taskId, set: { hiddenAt: args.hiddenAt } });
}

/** Whether an administrator has hidden the task (false for a task files does not know). */
export async function isTaskHidden(db: Queryable, taskId: string): Promise<boolean> {
  const [row] = await db.select({ hiddenAt: taskPosters.hiddenAt }).from(taskPosters).where(eq(taskPosters.taskId, taskId));
  return row?.hiddenAt != null;
}

export async function rememberExpense(tx: Tx, args: { expenseId: string; groupId: string; payerId: string }): Promise<void> {
  await tx.insert(expensePayers).values(args).onConflictDoNothing();
}

/** The expense's group and payer, locked: its receipt is replaced one attach at a time. */
export async function lockExpense(tx: Tx, expenseId: string): Promise<{ groupId: string; payerId: string } | null> {
  const [row] = await tx.select({ groupId: expensePayers.groupId, payerId: expensePayers.payerId }).from(expensePayers).where(eq(expensePayers.expenseId, expenseId)).for('update');
  return row ?? null;
}

/** A member and their role; a redelivered (or replayed) join sets the role again, so rows from before roles were kept learn it. */
export async function rememberMember(tx: Tx, args: { groupId: string; userId: string; role: GroupRole }): Promise<void> {
  await tx.insert(groupMembers).values(args).onConflictDoUpdate({ target: [groupMembers.groupId, groupMembers.userId], set: { role: args.role } });
}

/** The caller's role in the group as the replica knows it, null for a non-member. */
export async function memberRole(db: Queryable, args: { groupId: string; userId: string }): Promise<GroupRole | null> {
  const [row] = await db.select({ role: groupMembers.role }).from(groupMembers).where(and(eq(groupMembers.groupId, args.groupId), eq(groupMembers.userId, args.userId)));
  return row ? (row.role === 'OWNER' ? 'OWNER' : 'MEMBER') : null;
}

export async function forgetMember(tx: Tx, args: { groupId: string; userId: string }): Promise<void> {
  await tx.delete(groupMembers).where(and(eq(groupMembers.groupId, args.groupId), eq(groupMembers.userId, args.userId)));
}

/** Whether `userId` belongs, as far as the replica knows, to the group of the expense. */
export async function isMemberOfExpenseGroup(db: Queryable, args: { expenseId: string; userId: string }): Promise<boolean> {
  const rows = await db
    .select({ userId: groupMembers.userId })
    .from(expensePayers)
    .innerJoin(groupMembers, and(eq(groupMembers.groupId, expensePayers.groupId), eq(groupMembers.userId, args.userId)))
    .where(eq(expensePayers.expenseId, args.expenseId));
  return rows.length > 0;
}
