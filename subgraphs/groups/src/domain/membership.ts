import { BadUserInput, Conflict } from '@sx/core';
import { boundedText } from './text-input.js';
import { MemberNotFound, NotGroupMember, NotGroupOwner, OpenBalance } from './group-errors.js';

export type GroupRole = 'OWNER' | 'MEMBER';

/** A group holds at most this many members: splits and balances are computed over all of them. */
export const MAX_GROUP_MEMBERS = 50;
export const MAX_GROUP_NAME_LENGTH = 80;

/** The caller's role in the group, or NOT_GROUP_MEMBER. */
export function requireMembership(role: GroupRole | null): GroupRole {
  if (!role) throw new NotGroupMember();
  return role;
}

export function requireOwner(role: GroupRole | null): void {
  if (requireMembership(role) !== 'OWNER') throw new NotGroupOwner();
}

/** Every id named must be a member. */
export function requireMembers(memberIds: ReadonlySet<string>, ids: readonly string[], field: string): void {
  for (const id of ids) if (!memberIds.has(id)) throw new MemberNotFound(id, field);
}

export function parseGroupName(name: string): string {
  return boundedText(name, 'name', 1, MAX_GROUP_NAME_LENGTH);
}

/**
 * Whether `userId` may leave (or be removed): the owner stays while others remain, and nobody
 * leaves with money open between them and the group (their creditors would lose track of it).
 */
export function checkDeparture(args: { role: GroupRole; memberCount: number; userId: string; openBalance: boolean }): void {
  if (args.role === 'OWNER' && args.memberCount > 1) {
    throw new Conflict('OWNER_CANNOT_LEAVE', 'The owner cannot leave while other members remain; remove them first.');
  }
  if (args.openBalance) throw new OpenBalance(args.userId);
}

export function checkRoomForMember(memberCount: number): void {
  if (memberCount >= MAX_GROUP_MEMBERS) {
    throw new BadUserInput('INVALID_INPUT', `A group can have at most ${MAX_GROUP_MEMBERS} members.`);
  }
}
