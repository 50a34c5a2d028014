import { Conflict, Forbidden, NotFound } from '@sx/core';

/** Not a member, or no such group: one answer, so a group id reveals nothing to outsiders. */
export class NotGroupMember extends Forbidden {
  constructor() {
    super('NOT_GROUP_MEMBER', 'You are not a member of this group (or it does not exist); ask a member to invite you.');
  }
}

export class NotGroupOwner extends Forbidden {
  constructor() {
    super('NOT_GROUP_OWNER', "Only the group's owner can do this.");
  }
}

/** A user named in a request (assignee, payer, participant, member to remove) is not in the group. */
export class MemberNotFound extends NotFound {
  constructor(userId: string, field: string) {
    super('MEMBER_NOT_FOUND', `User ${userId} is not a member of this group; invite them first.`, { field });
  }
}

export class OpenBalance extends Conflict {
  constructor(userId: string) {
    super('OPEN_BALANCE', `User ${userId} still owes or is owed money in this group; settle up first.`);
  }
}
