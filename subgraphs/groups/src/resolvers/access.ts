import { NotFound, type Identity } from '@sx/core';
import { NotGroupMember } from '../domain/group-errors.js';
import { viewerKey, type GroupContext, type GroupTaskRow, type GroupView } from '../loaders.js';

/** The group as the signed-in caller sees it, or null (signed out, not a member, no such group). */
export async function visibleGroup(ctx: GroupContext, groupId: string): Promise<GroupView | null> {
  const userId = ctx.identity.userId;
  return userId ? ctx.loaders.groupForViewer.load(viewerKey(groupId, userId)) : null;
}

/** The group for a member, NOT_GROUP_MEMBER otherwise. */
export async function memberGroup(ctx: GroupContext, groupId: string): Promise<GroupView> {
  const group = await visibleGroup(ctx, groupId);
  if (!group) throw new NotGroupMember();
  return group;
}

/** Something that belongs to a group is visible exactly when its group is. */
export async function visibleInGroup<T extends { groupId: string }>(ctx: GroupContext, row: T | null): Promise<T | null> {
  return row && (await visibleGroup(ctx, row.groupId)) ? row : null;
}

export async function memberTask(ctx: GroupContext, id: string): Promise<GroupTaskRow> {
  const task = await visibleInGroup(ctx, await ctx.loaders.groupTask.load(id));
  if (!task) throw new NotFound('GROUP_TASK_NOT_FOUND', 'No group task has this id in a group you belong to.');
  return task;
}

export const isSelf = (identity: Identity, userId: string): boolean => identity.userId === userId;
