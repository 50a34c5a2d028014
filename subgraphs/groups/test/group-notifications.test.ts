import { describe, expect, it } from 'vitest';
import { eventually, gqlOk, signUpUser, type TestUser } from '@sx/testkit';
import { as, household, invite } from './group-api.js';

const FEED = `query { notifications(first: 20) { edges { node { kind title body } } } }`;
type Feed = { notifications: { edges: { node: { kind: string; title: string; body: string } }[] } };
const feedOf = (user: TestUser) => gqlOk<Feed>(FEED, {}, as(user));
const kindsIn = (feed: Feed) => feed.notifications.edges.map((e) => e.node.kind);

describe('notifications of group activity', () => {
  it('tells the invitee, the assignee, each debtor and the other side of a settled share', async () => {
    const { groupId, owner, members } = await household('Notified', 1);
    const [mate] = members as [TestUser];
    const newcomer = await signUpUser();
    await eventually(() => invite(owner, groupId, newcomer.email), (r) => !r.errors, { what: 'the invitation sent' });
    await gqlOk(
      `mutation($input: PostGroupTaskInput!) { postGroupTask(input: $input) { id } }`,
      { input: { groupId, title: 'Hoover the stairs', assigneeId: mate.id, rewardPoints: 7 } },
      as(owner),
    );
    const added = await gqlOk<{ addExpense: { shares: { id: string }[] } }>(
      `mutation($input: AddExpenseInput!) { addExpense(input: $input) { shares { id } } }`,
      { input: { groupId, description: 'Bread', amount: { amount: 500, currency: 'GBP' }, splitMethod: 'EQUAL', split: [{ userId: owner.id }, { userId: mate.id }] } },
      as(owner),
    );
    await gqlOk(`mutation($id: ID!) { markSharePaid(shareId: $id) { id } }`, { id: added.addExpense.shares[1]?.id }, as(owner));

    const invited = await eventually(() => feedOf(newcomer), (f) => kindsIn(f).includes('GROUP_INVITATION'), { what: 'the invitation notification' });
    expect(invited.notifications.edges[0]?.node.title).toBe('Join Notified?');
    const mates = await eventually(
      () => feedOf(mate),
      (f) => ['GROUP_TASK_ASSIGNED', 'EXPENSE_ADDED', 'SHARE_SETTLED'].every((k) => kindsIn(f).includes(k)),
      { what: "the member's three notifications" },
    );
    const bodies = mates.notifications.edges.map((e) => e.node.body).join('\n');
    expect(bodies).toContain('“Hoover the stairs” was assigned to you. It earns 7 points.');
    expect(bodies).toMatch(/Your share of “Bread” \(.*5\.00.*\) is .*2\.50/);
    // The owner acted each time (posted, paid, confirmed): nothing about it reaches them.
    expect(kindsIn(await feedOf(owner)).filter((k) => k.startsWith('GROUP') || k === 'EXPENSE_ADDED' || k === 'SHARE_SETTLED')).toEqual([]);
  });
});
