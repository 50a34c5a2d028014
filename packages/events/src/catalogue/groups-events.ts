import { z } from 'zod';
import { defineEvent } from './define.js';
import { moneySchema, uuid } from './shared-fields.js';

/** A member asked someone to join a group by email; notifications tells the address's user. */
export const groupInvitationSent = defineEvent({
  type: 'groups.invitation.sent',
  schema: z.object({ invitationId: uuid, groupId: uuid, groupName: z.string(), email: z.string().email(), invitedBy: uuid }),
  aggregateId: (d) => d.groupId,
});

/** Someone joined a group (its creator, or an invitee who accepted). */
export const groupMemberJoined = defineEvent({
  type: 'groups.member.joined',
  schema: z.object({ groupId: uuid, userId: uuid, role: z.enum(['OWNER', 'MEMBER']) }),
  aggregateId: (d) => d.groupId,
});

/** Someone left a group, or was removed by its owner (`removedBy`). */
export const groupMemberLeft = defineEvent({
  type: 'groups.member.left',
  schema: z.object({ groupId: uuid, userId: uuid, removedBy: uuid.nullable() }),
  aggregateId: (d) => d.groupId,
});

/** A task was posted to a group and assigned to a member (reminders follow its dueAt). */
export const groupTaskAssigned = defineEvent({
  type: 'groups.task.assigned',
  schema: z.object({
    taskId: uuid,
    groupId: uuid,
    title: z.string(),
    posterId: uuid,
    assigneeId: uuid,
    rewardPoints: z.number().int().nonnegative(),
    dueAt: z.string().datetime().nullable(),
  }),
  aggregateId: (d) => d.taskId,
});

/** The poster confirmed a group task done; its reward points are awarded from this event, once. */
export const groupTaskCompleted = defineEvent({
  type: 'groups.task.completed',
  schema: z.object({ taskId: uuid, groupId: uuid, posterId: uuid, assigneeId: uuid, rewardPoints: z.number().int().nonnegative() }),
  aggregateId: (d) => d.taskId,
});

/** A member recorded a shared expense; each debtor is told what they owe. */
export const groupExpenseAdded = defineEvent({
  type: 'groups.expense.added',
  schema: z.object({
    expenseId: uuid,
    groupId: uuid,
    description: z.string(),
    amount: moneySchema,
    payerId: uuid,
    shares: z.array(z.object({ shareId: uuid, userId: uuid, amountMinor: z.number().int().nonnegative() })),
  }),
  aggregateId: (d) => d.groupId,
});

/** A share of an expense was settled, in the app (a wallet transfer) or outside it (the creditor said so). */
export const groupShareSettled = defineEvent({
  type: 'groups.share.settled',
  schema: z.object({
    shareId: uuid,
    expenseId: uuid,
    groupId: uuid,
    debtorId: uuid,
    creditorId: uuid,
    amount: moneySchema,
    method: z.enum(['IN_APP', 'OUTSIDE']),
  }),
  aggregateId: (d) => d.groupId,
});

export const GROUPS_EVENTS = [groupInvitationSent, groupMemberJoined, groupMemberLeft, groupTaskAssigned, groupTaskCompleted, groupExpenseAdded, groupShareSettled];
