import { z } from 'zod';
import { defineEvent } from './define.js';
import { uuid } from './shared-fields.js';

// Account and moderation facts (issue 18). Each carries the request id of the change, so the
// audit log (users) can name the request even for an action another subgraph performed.
const requestId = z.string().max(64).nullable();
const roles = z.array(z.enum(['POSTER', 'TASKER', 'ADMIN'])).min(1);

/** A user changed their profile: `changed` names the fields, the rest is the profile now. */
export const userUpdated = defineEvent({
  type: 'users.user.updated',
  schema: z.object({
    userId: uuid,
    name: z.string(),
    bio: z.string().nullable(),
    skills: z.array(z.string()),
    changed: z.array(z.enum(['name', 'bio', 'skills'])).min(1),
  }),
  aggregateId: (d) => d.userId,
});

/** An administrator suspended an account: tasks hides its tasks, gateways drop its sockets. */
export const userSuspended = defineEvent({
  type: 'users.user.suspended',
  schema: z.object({ userId: uuid, reason: z.string().min(1).max(500), requestId }),
  aggregateId: (d) => d.userId,
});

/** An administrator lifted a suspension: the account's tasks come back to the listings. */
export const userUnsuspended = defineEvent({
  type: 'users.user.unsuspended',
  schema: z.object({ userId: uuid, requestId }),
  aggregateId: (d) => d.userId,
});

/** The account's roles changed (the ADMIN role granted or revoked by the admin command-line tool). */
export const userRolesChanged = defineEvent({
  type: 'users.user.roles_changed',
  schema: z.object({ userId: uuid, roles }),
  aggregateId: (d) => d.userId,
});

/** An administrator hid a task from the listings (users writes it to the audit log). */
export const taskHidden = defineEvent({
  type: 'tasks.task.hidden',
  schema: z.object({ taskId: uuid, posterId: uuid, reason: z.string().min(1).max(500), requestId }),
  aggregateId: (d) => d.taskId,
});

/** An administrator brought a hidden task back to the listings. */
export const taskUnhidden = defineEvent({
  type: 'tasks.task.unhidden',
  schema: z.object({ taskId: uuid, posterId: uuid, requestId }),
  aggregateId: (d) => d.taskId,
});

export const ADMIN_USERS_EVENTS = [userUpdated, userSuspended, userUnsuspended, userRolesChanged];
export const ADMIN_TASKS_EVENTS = [taskHidden, taskUnhidden];
