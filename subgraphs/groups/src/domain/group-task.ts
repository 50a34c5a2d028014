import { BadUserInput, Conflict, Forbidden } from '@sx/core';
import { boundedText } from './text-input.js';

export type GroupTaskStatus = 'ASSIGNED' | 'DONE' | 'COMPLETED' | 'CANCELLED';
export const MAX_REWARD_POINTS = 10_000;

/** A validated group task; whether its assignee belongs to the group is checked against the members. */
export interface GroupTaskDraft {
  groupId: string;
  title: string;
  description: string;
  assigneeId: string;
  rewardPoints: number;
  dueAt: Date | null;
}

export interface GroupTaskDraftInput {
  groupId: string;
  title: string;
  description?: string | null;
  assigneeId: string;
  rewardPoints?: number | null;
  dueAt?: Date | null;
}

export function parseGroupTaskDraft(input: GroupTaskDraftInput, now: Date): GroupTaskDraft {
  const rewardPoints = input.rewardPoints ?? 0;
  if (!Number.isInteger(rewardPoints) || rewardPoints < 0 || rewardPoints > MAX_REWARD_POINTS) {
    throw new BadUserInput('INVALID_INPUT', `rewardPoints must be a whole number from 0 to ${MAX_REWARD_POINTS}.`, { field: 'rewardPoints' });
  }
  if (input.dueAt && input.dueAt.getTime() <= now.getTime()) {
    throw new BadUserInput('INVALID_INPUT', 'dueAt must be in the future.', { field: 'dueAt' });
  }
  return {
    groupId: input.groupId,
    title: boundedText(input.title, 'title', 1, 120),
    description: boundedText(input.description ?? '', 'description', 0, 2_000),
    assigneeId: input.assigneeId.toLowerCase(),
    rewardPoints,
    dueAt: input.dueAt ?? null,
  };
}

/** What a member asks of a group task. */
export type GroupTaskStep = 'MARK_DONE' | 'CONFIRM' | 'CANCEL';

const FROM: Record<GroupTaskStep, readonly GroupTaskStatus[]> = {
  MARK_DONE: ['ASSIGNED'],
  CONFIRM: ['DONE'],
  CANCEL: ['ASSIGNED', 'DONE'],
};
const TO: Record<GroupTaskStep, GroupTaskStatus> = { MARK_DONE: 'DONE', CONFIRM: 'COMPLETED', CANCEL: 'CANCELLED' };

/**
 * The status after `step` by `userId`: the assignee marks the task done; its poster confirms or
 * cancels it. Any other step or status is refused.
 */
export function nextGroupTaskStatus(task: { status: GroupTaskStatus; posterId: string; assigneeId: string }, step: GroupTaskStep, userId: string): GroupTaskStatus {
  if (step === 'MARK_DONE' && userId !== task.assigneeId) {
    throw new Forbidden('NOT_GROUP_TASK_ASSIGNEE', 'Only the member this task is assigned to can mark it done.');
  }
  if (step !== 'MARK_DONE' && userId !== task.posterId) {
    throw new Forbidden('NOT_GROUP_TASK_POSTER', 'Only the member who posted this task can confirm or cancel it.');
  }
  if (!FROM[step].includes(task.status)) {
    throw new Conflict('GROUP_TASK_STATUS', `This task is ${task.status}; it must be ${FROM[step].join(' or ')} for that.`, { status: task.status });
  }
  return TO[step];
}
