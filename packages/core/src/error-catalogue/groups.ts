import type { ReasonEntry } from './codes.js';

/** Refusals of groups: households, group tasks, points and shared expenses (groups subgraph). */
export const GROUPS_REASONS = {
  NOT_GROUP_MEMBER: {
    code: 'FORBIDDEN',
    description: 'Only members see or change a group and what is in it; the same answer when no such group exists.',
  },
  NOT_GROUP_OWNER: { code: 'FORBIDDEN', description: "Only the group's owner may do this (e.g. remove a member)." },
  MEMBER_NOT_FOUND: { code: 'NOT_FOUND', description: 'The user named (assignee, payer, split participant, member to remove) is not a member of the group.' },
  INVITATION_NOT_FOUND: { code: 'NOT_FOUND', description: 'No pending invitation with this id was sent to your email address.' },
  ALREADY_MEMBER: { code: 'CONFLICT', description: 'The invited person already belongs to the group.' },
  EMAIL_NOT_KNOWN_YET: {
    code: 'CONFLICT',
    description: 'groups has not yet heard of your account (it learns addresses from sign-up events); `retryable`.',
  },
  OWNER_CANNOT_LEAVE: { code: 'CONFLICT', description: 'The owner cannot leave while other members remain; remove them first.' },
  OPEN_BALANCE: { code: 'CONFLICT', description: 'The member still owes or is owed money in the group; settle up first.' },
  GROUP_TASK_NOT_FOUND: { code: 'NOT_FOUND', description: 'No group task has this id in a group you belong to.' },
  GROUP_TASK_STATUS: { code: 'CONFLICT', description: "The group task's status does not allow this step (`status` says where it stands)." },
  NOT_GROUP_TASK_ASSIGNEE: { code: 'FORBIDDEN', description: 'Only the member a group task is assigned to can mark it done.' },
  NOT_GROUP_TASK_POSTER: { code: 'FORBIDDEN', description: 'Only the member who posted a group task can confirm or cancel it.' },
  SPLIT_NOT_TOTAL: { code: 'BAD_USER_INPUT', description: 'Exact split amounts must sum to the expense total.' },
  SHARE_NOT_FOUND: { code: 'NOT_FOUND', description: 'No expense share has this id in a group you belong to.' },
  SHARE_ALREADY_PAID: { code: 'CONFLICT', description: 'This share is already settled.' },
  NOT_SHARE_CREDITOR: { code: 'FORBIDDEN', description: 'Only the member a share is owed to can confirm it was paid outside the app.' },
} as const satisfies Record<string, ReasonEntry>;
