import { NotFound } from '@sx/core';
import { groupTaskAssigned, groupTaskCompleted, type Caller } from '@sx/events';
import { insertGroupTask, lockGroupTask, setGroupTaskStatus } from '../db/group-task-queries.js';
import { findRole, lockGroup, memberIdsOf } from '../db/membership-queries.js';
import type { GroupTaskRow } from '../db/tables.js';
import type { GroupsDeps } from '../deps.js';
import { NotGroupMember } from '../domain/group-errors.js';
import { nextGroupTaskStatus, type GroupTaskDraft, type GroupTaskStep } from '../domain/group-task.js';
import { requireMembers, requireMembership } from '../domain/membership.js';
import { recordGroupEvent } from '../events/group-events.js';

/** A member posts a task to the group, assigned straight to a member (no bids, no escrow). */
export function postGroupTask(deps: GroupsDeps, command: { caller: Caller; draft: GroupTaskDraft }): Promise<GroupTaskRow> {
  const { caller, draft } = command;
  return deps.db.transaction(async (tx) => {
    if (!(await lockGroup(tx, draft.groupId))) throw new NotGroupMember();
    requireMembership(await findRole(tx, draft.groupId, caller.userId));
    requireMembers(await memberIdsOf(tx, draft.groupId), [draft.assigneeId], 'assigneeId');
    const task = await insertGroupTask(tx, { ...draft, posterId: caller.userId });
    await recordGroupEvent(
      tx,
      groupTaskAssigned,
      {
        taskId: task.id,
        groupId: task.groupId,
        title: task.title,
        posterId: task.posterId,
        assigneeId: task.assigneeId,
        rewardPoints: task.rewardPoints,
        dueAt: task.dueAt?.toISOString() ?? null,
      },
      caller.actor,
    );
    return task;
  });
}

/**
 * The assignee marks a task done, or its poster confirms or cancels it. Confirming writes
 * groups.task.completed, from which the points are awarded (once per task).
 */
export function stepGroupTask(deps: GroupsDeps, command: { caller: Caller; taskId: string; step: GroupTaskStep }): Promise<GroupTaskRow> {
  const { caller, taskId, step } = command;
  return deps.db.transaction(async (tx) => {
    const task = await lockGroupTask(tx, taskId);
    // A task of a group the caller is not in is "not found": its id reveals nothing.
    if (!task || !(await findRole(tx, task.groupId, caller.userId))) {
      throw new NotFound('GROUP_TASK_NOT_FOUND', 'No group task has this id in a group you belong to.');
    }
    const updated = await setGroupTaskStatus(tx, task.id, nextGroupTaskStatus(task, step, caller.userId));
    if (updated.status === 'COMPLETED') {
      const { id, groupId, posterId, assigneeId, rewardPoints } = updated;
      await recordGroupEvent(tx, groupTaskCompleted, { taskId: id, groupId, posterId, assigneeId, rewardPoints }, caller.actor);
    }
    return updated;
  });
}
