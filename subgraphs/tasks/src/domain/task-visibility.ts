import { parseModerationReason, type Identity } from '@sx/core';

/** Who is looking at tasks, as far as hidden tasks are concerned. */
export interface TaskViewer {
  userId: string | null;
  admin: boolean;
}

export function viewerOf(identity: Pick<Identity, 'userId' | 'roles'>): TaskViewer {
  return { userId: identity.userId?.toLowerCase() ?? null, admin: identity.roles.includes('ADMIN') };
}

/** The moderation state of a task. */
export interface TaskModeration {
  posterId: string;
  assigneeId: string | null;
  hiddenAt: Date | null;
  posterSuspended: boolean;
}

/** What says whether a task is hidden, whoever looks. */
export type HidingState = Pick<TaskModeration, 'hiddenAt' | 'posterSuspended'>;

/** Out of the listings: hidden by an administrator, or its poster is suspended. */
export function isHidden(task: HidingState): boolean {
  return task.hiddenAt !== null || task.posterSuspended;
}

/**
 * A hidden task is still seen by those it concerns (its poster and assignee, whose money may be
 * held for it) and by administrators; everyone else sees no such task.
 */
export function canSeeTask(viewer: TaskViewer, task: TaskModeration): boolean {
  if (!isHidden(task) || viewer.admin) return true;
  return viewer.userId !== null && (viewer.userId === task.posterId || viewer.userId === task.assigneeId);
}

/** Why a task is hidden (kept in the audit log, shown to its poster). */
export const parseHideReason = (raw: string): string => parseModerationReason(raw, 'hiding the task');
