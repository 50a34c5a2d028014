import { and, eq, isNull, lt, or, sql } from 'drizzle-orm';
import type { TaskReplica } from '../domain/task-replica.js';
import { bids, taskReplica, type TaskReplicaRow } from './tables.js';
import type { Tx } from '@sx/runtime';

function toReplica(row: TaskReplicaRow): TaskReplica {
  const { budgetMinor, currency, hidden, hiddenChangedAt, posterSuspended, posterSuspendedChangedAt, ...rest } = row;
  const budget = budgetMinor !== null && currency !== null ? { amountMinor: budgetMinor, currency } : null;
  // Hidden as tasks means it: by an administrator, or while the poster is suspended.
  return { ...rest, budget, hidden: hidden || posterSuspended };
}

/**
 * Reads a task's replica row under a row lock. Writers of bids take it FOR SHARE and the
 * tasks-event handlers FOR UPDATE, so a bid and a cancellation of its task are serialised:
 * either the bid commits first and the cancellation rejects it, or the bid sees CANCELLED.
 * The caller has checked that `taskId` is a uuid.
 */
export async function lockTaskReplica(tx: Tx, taskId: string, mode: 'share' | 'update'): Promise<TaskReplica | null> {
  const [row] = await tx.select().from(taskReplica).where(eq(taskReplica.taskId, taskId)).for(mode === 'share' ? 'share' : 'update');
  return row ? toReplica(row) : null;
}

/**
 * lockTaskReplica for the task of a bid, found in the same statement (a bid never changes its
 * task): one round trip fewer for every command on one bid. Null when there is no such bid or
 * its task has no replica yet.
 */
export async function lockTaskReplicaOfBid(tx: Tx, bidId: string, mode: 'share' | 'update'): Promise<TaskReplica | null> {
  const [row] = await tx
    .select()
    .from(taskReplica)
    .where(eq(taskReplica.taskId, sql`(SELECT ${bids.taskId} FROM ${bids} WHERE ${bids.id} = ${bidId})`))
    .for(mode === 'share' ? 'share' : 'update');
  return row ? toReplica(row) : null;
}

/** Inserts or replaces a task's replica row (the caller holds its lock and decided it is newer). */
export async function writeTaskReplica(tx: Tx, replica: TaskReplica): Promise<void> {
  const values = {
    posterId: replica.posterId,
    status: replica.status,
    budgetMinor: replica.budget?.amountMinor ?? null,
    currency: replica.budget?.currency ?? null,
    dueAt: replica.dueAt,
    lastEventAt: replica.lastEventAt,
  };
  await tx
    .insert(taskReplica)
    .values({ taskId: replica.taskId, ...values })
    .onConflictDoUpdate({ target: taskReplica.taskId, set: values });
}

/**
 * Sets the task's hidden flag unless a later hide/unhide was applied already (a redelivered event
 * arriving late); true when it was written. The caller holds the row's lock and knows it exists.
 */
export async function writeTaskHidden(tx: Tx, args: { taskId: string; hidden: boolean; changedAt: Date }): Promise<boolean> {
  const written = await tx
    .update(taskReplica)
    .set({ hidden: args.hidden, hiddenChangedAt: args.changedAt })
    .where(and(eq(taskReplica.taskId, args.taskId), or(isNull(taskReplica.hiddenChangedAt), lt(taskReplica.hiddenChangedAt, args.changedAt))))
    .returning({ taskId: taskReplica.taskId });
  return written.length > 0;
}

/**
 * Flags (or unflags) every task of the poster as suspended, unless a later suspension event was
 * applied already; each row's lock serialises it with a bid being placed. Returns the rows written.
 */
export async function writePosterSuspended(tx: Tx, args: { posterId: string; suspended: boolean; changedAt: Date }): Promise<number> {
  const written = await tx
    .update(taskReplica)
    .set({ posterSuspended: args.suspended, posterSuspendedChangedAt: args.changedAt })
    .where(
      and(
        eq(taskReplica.posterId, args.posterId),
        or(isNull(taskReplica.posterSuspendedChangedAt), lt(taskReplica.posterSuspendedChangedAt, args.changedAt)),
      ),
    )
    .returning({ taskId: taskReplica.taskId });
  return written.length;
}

/**
 * The poster of a task as the replica knows it (null while it does not), read in the writer's
 * transaction so a bid event can name both people it concerns.
 */
export async function findPosterId(tx: Tx, taskId: string): Promise<string | null> {
  const [row] = await tx.select({ posterId: taskReplica.posterId }).from(taskReplica).where(eq(taskReplica.taskId, taskId));
  return row?.posterId ?? null;
}
