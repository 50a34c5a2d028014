import { describe, expect, it } from 'vitest';
import { gql, gqlOk, signUpUser } from '@sx/testkit';
import { accept, as, createGroupAs, errorCode, GROUP, household, invite, reasonOf } from './group-api.js';

const MY_INVITATIONS = `query { myGroupInvitations(first: 10) { edges { node { id groupName email invitedBy { name } status } } } }`;
const MY_GROUPS = `query($id: ID!) { user(id: $id) { groups(first: 10) { edges { node { id name myRole } } } } }`;

describe('groups: create, invite by email, accept or decline, leave, remove', () => {
  it('walks a household from creation to a full member list, through the gateway', async () => {
    const [owner, flatmate] = await Promise.all([signUpUser({ name: 'Olga Owner' }), signUpUser({ name: 'Fred Flatmate' })]);
    const groupId = await createGroupAs(owner, '  Flat 3B  ');

    const sent = await invite(owner, groupId, flatmate.email.toUpperCase());
    expect(sent.errors).toBeUndefined();
    expect(sent.data?.inviteToGroup).toMatchObject({ email: flatmate.email.toLowerCase(), groupName: 'Flat 3B' });
    // Inviting the same address again gives the pending invitation, not a second one.
    expect((await invite(owner, groupId, flatmate.email)).data?.inviteToGroup.id).toBe(sent.data?.inviteToGroup.id);

    const mine = await gqlOk<{ myGroupInvitations: { edges: { node: Record<string, unknown> }[] } }>(MY_INVITATIONS, {}, as(flatmate));
    expect(mine.myGroupInvitations.edges.map((e) => e.node)).toEqual([
      { id: sent.data?.inviteToGroup.id, groupName: 'Flat 3B', email: flatmate.email.toLowerCase(), invitedBy: { name: 'Olga Owner' }, status: 'PENDING' },
    ]);

    // Before accepting, the invitee is an outsider.
    expect(reasonOf(await gql(GROUP, { id: groupId }, as(flatmate)))).toBe('NOT_GROUP_MEMBER');
    const joined = await accept(flatmate, sent.data?.inviteToGroup.id ?? '');
    expect(joined.data?.acceptGroupInvitation).toEqual({ id: groupId, myRole: 'MEMBER' });

    const seen = await gqlOk<{ group: { name: string; myRole: string; members: { edges: { node: { role: string; user: { name: string } } }[] }; pendingInvitations: { edges: unknown[] } } }>(
      GROUP,
      { id: groupId },
      as(flatmate),
    );
    expect(seen.group.name).toBe('Flat 3B');
    expect(seen.group.myRole).toBe('MEMBER');
    expect(seen.group.members.edges.map((e) => [e.node.user.name, e.node.role])).toEqual([
      ['Olga Owner', 'OWNER'],
      ['Fred Flatmate', 'MEMBER'],
    ]);
    expect(seen.group.pendingInvitations.edges).toEqual([]);

    // User.groups is the user's own: others see an empty list.
    const own = await gqlOk<{ user: { groups: { edges: { node: Record<string, unknown> }[] } } }>(MY_GROUPS, { id: flatmate.id }, as(flatmate));
    expect(own.user.groups.edges.map((e) => e.node)).toEqual([{ id: groupId, name: 'Flat 3B', myRole: 'MEMBER' }]);
    const others = await gqlOk<{ user: { groups: { edges: unknown[] } } }>(MY_GROUPS, { id: flatmate.id }, as(owner));
    expect(others.user.groups.edges).toEqual([]);

    // The same invitation cannot be answered twice, and a member cannot be invited again.
    expect(reasonOf(await accept(flatmate, sent.data?.inviteToGroup.id ?? ''))).toBe('INVITATION_NOT_FOUND');
    expect(reasonOf(await invite(owner, groupId, flatmate.email))).toBe('ALREADY_MEMBER');
  });

  it('lets an invitee decline, and nobody else answer for them', async () => {
    const [owner, invitee, stranger] = await Promise.all([signUpUser(), signUpUser(), signUpUser()]);
    const groupId = await createGroupAs(owner, 'Team Tuesday');
    const id = (await invite(owner, groupId, invitee.email)).data?.inviteToGroup.id ?? '';
    expect(reasonOf(await accept(stranger, id))).toBe('INVITATION_NOT_FOUND');
    const declined = await gqlOk<{ declineGroupInvitation: { status: string } }>(`mutation($id: ID!) { declineGroupInvitation(id: $id) { status } }`, { id }, as(invitee));
    expect(declined.declineGroupInvitation.status).toBe('DECLINED');
    expect(reasonOf(await accept(invitee, id))).toBe('INVITATION_NOT_FOUND');
    expect(reasonOf(await gql(GROUP, { id: groupId }, as(invitee)))).toBe('NOT_GROUP_MEMBER');
  });

  it('lets a member leave and the owner remove one, but not the owner leave a group with others in it', async () => {
    const { groupId, owner, members } = await household('Leavers', 2);
    const [stays, goes] = members as [typeof owner, typeof owner];
    const leave = (user: typeof owner) => gql(`mutation($g: ID!) { leaveGroup(groupId: $g) }`, { g: groupId }, as(user));
    const remove = (by: typeof owner, userId: string) => gql(`mutation($g: ID!, $u: ID!) { removeGroupMember(groupId: $g, userId: $u) }`, { g: groupId, u: userId }, as(by));

    expect(reasonOf(await leave(owner))).toBe('OWNER_CANNOT_LEAVE');
    expect(reasonOf(await remove(stays, goes.id))).toBe('NOT_GROUP_OWNER');
    expect((await leave(goes)).data).toEqual({ leaveGroup: true });
    expect(reasonOf(await gql(GROUP, { id: groupId }, as(goes)))).toBe('NOT_GROUP_MEMBER');
    expect((await remove(owner, stays.id)).data).toEqual({ removeGroupMember: true });
    expect(reasonOf(await remove(owner, stays.id))).toBe('MEMBER_NOT_FOUND');
    const left = await gqlOk<{ group: { members: { edges: { node: { user: { id: string } } }[] } } }>(GROUP, { id: groupId }, as(owner));
    expect(left.group.members.edges.map((e) => e.node.user.id)).toEqual([owner.id]);
    expect((await leave(owner)).data).toEqual({ leaveGroup: true });
  });

  it('refuses outsiders everywhere, with the same answer for a group that does not exist', async () => {
    const { groupId, owner, members } = await household('Private', 1);
    const outsider = await signUpUser();
    const [member] = members as [typeof owner];
    const posted = await gqlOk<{ postGroupTask: { id: string } }>(
      `mutation($input: PostGroupTaskInput!) { postGroupTask(input: $input) { id } }`,
      { input: { groupId, title: 'Water the plants', assigneeId: member.id } },
      as(owner),
    );
    const taskId = posted.postGroupTask.id;
    const expense = await gqlOk<{ addExpense: { shares: { id: string }[] } }>(
      `mutation($input: AddExpenseInput!) { addExpense(input: $input) { shares { id } } }`,
      { input: { groupId, description: 'Milk', amount: { amount: 300, currency: 'EUR' }, splitMethod: 'EQUAL', split: [{ userId: owner.id }, { userId: member.id }] } },
      as(owner),
    );
    const shareId = expense.addExpense.shares[1]?.id;
    const attempts: [string, Record<string, unknown>][] = [
      [GROUP, { id: groupId }],
      [`query($id: ID!) { groupTask(id: $id) { id } }`, { id: taskId }],
      [`mutation($input: InviteToGroupInput!) { inviteToGroup(input: $input) { id } }`, { input: { groupId, email: outsider.email } }],
      [`mutation($input: PostGroupTaskInput!) { postGroupTask(input: $input) { id } }`, { input: { groupId, title: 'Sneaky', assigneeId: outsider.id } }],
      [`mutation($id: ID!) { markGroupTaskDone(id: $id) { id } }`, { id: taskId }],
      [`mutation($input: AddExpenseInput!) { addExpense(input: $input) { id } }`, { input: { groupId, description: 'x', amount: { amount: 1, currency: 'EUR' }, splitMethod: 'EQUAL', split: [{ userId: outsider.id }] } }],
      [`mutation($id: ID!) { markSharePaid(shareId: $id) { id } }`, { id: shareId }],
      [`mutation($input: RecordSettlementInput!) { recordSettlement(input: $input) { id } }`, { input: { groupId, fromUserId: owner.id, amount: { amount: 1, currency: 'EUR' } } }],
      [`mutation($g: ID!) { leaveGroup(groupId: $g) }`, { g: groupId }],
    ];
    for (const [query, variables] of attempts) {
      const res = await gql(query, variables, as(outsider));
      expect(errorCode(res), query).toMatch(/^(FORBIDDEN|NOT_FOUND)$/);
      expect(['NOT_GROUP_MEMBER', 'GROUP_TASK_NOT_FOUND', 'SHARE_NOT_FOUND']).toContain(reasonOf(res));
    }
    expect(reasonOf(await gql(GROUP, { id: '00000000-0000-4000-8000-000000000000' }, as(outsider)))).toBe('NOT_GROUP_MEMBER');
    expect(errorCode(await gql(GROUP, { id: groupId }))).toBe('UNAUTHENTICATED');
    // Nothing the outsider tried changed the group.
    const after = await gqlOk<{ group: { members: { edges: unknown[] }; pendingInvitations: { edges: unknown[] } } }>(GROUP, { id: groupId }, as(owner));
    expect(after.group.members.edges).toHaveLength(2);
    expect(after.group.pendingInvitations.edges).toHaveLength(0);
  });
});
