import { type Identity, requireRole, toApiMoney, toConnection } from '@sx/core';
import type { DisputeMessageRow, DisputeRow } from '../dispute-loaders.js';
import { isParty } from '../domain/dispute-rules.js';
import type { DisputeMessageResolvers, DisputeResolvers, QueryResolvers } from '../generated/resolvers-types.js';
import type { Task, TaskContext } from '../loaders.js';
import { parseTaskPage } from './task-page.js';

/** A dispute is the parties' and the admins' business: anyone else sees no dispute at all. */
export function maySeeDispute(task: Task, identity: Identity): boolean {
  if (!identity.userId) return false;
  return identity.roles.includes('ADMIN') || isParty(task, identity.userId);
}

/** The dispute, if the caller may see it (its task is read through the request's loader). */
async function visible(dispute: DisputeRow | null, ctx: TaskContext): Promise<DisputeRow | null> {
  if (!dispute) return null;
  const task = await ctx.loaders.task.load(dispute.taskId);
  return task && maySeeDispute(task, ctx.identity) ? dispute : null;
}

const messagePosition = (m: DisputeMessageRow) => ({ key: m.createdAt.toISOString(), id: m.id });
const disputePosition = (d: DisputeRow) => ({ key: d.createdAt.toISOString(), id: d.id });

/** Query.openDisputes: the admins' queue, oldest first; the role is checked before any read. */
export const openDisputesQuery: QueryResolvers['openDisputes'] = async (_, args, ctx) => {
  requireRole(ctx.identity, 'ADMIN');
  const page = parseTaskPage(args);
  return toConnection(await ctx.loaders.openDisputePage(page), page.limit, disputePosition);
};

export const disputeFields: DisputeResolvers = {
  __resolveReference: async (ref, ctx) => visible(await ctx.loaders.dispute.load(ref.id), ctx),
  task: async (dispute, _, ctx) => {
    const task = await ctx.loaders.task.load(dispute.taskId);
    if (!task) throw new Error(`dispute ${dispute.id} names task ${dispute.taskId}, which does not exist`);
    return task;
  },
  openedBy: (dispute) => ({ id: dispute.openedBy }),
  messages: async (dispute, args, ctx) => {
    const page = parseTaskPage(args);
    return toConnection(await ctx.loaders.disputeMessages(dispute.id, page), page.limit, messagePosition);
  },
  refundAmount: (d) => (d.refundMinor === null ? null : toApiMoney(d.refundMinor, d.currency)),
  releaseAmount: (d) => (d.releaseMinor === null ? null : toApiMoney(d.releaseMinor, d.currency)),
};

export const disputeMessageFields: DisputeMessageResolvers = {
  author: (m) => ({ id: m.authorId }),
  text: (m) => m.body,
};

/** Task.dispute: the latest one, for the parties and admins only. */
export async function taskDispute(task: Task, ctx: TaskContext): Promise<DisputeRow | null> {
  if (!maySeeDispute(task, ctx.identity)) return null;
  return ctx.loaders.latestDispute.load(task.id);
}
