import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { depositTo, eventually, gql, gqlOk, signUpUser, type TestUser } from '@sx/testkit';
import { as, booksOf, household, netOf, reasonOf } from './group-api.js';

const ADD = `mutation($input: AddExpenseInput!) { addExpense(input: $input) {
  id description amount { amount currency } splitMethod payer { id }
  shares { id user { id } amount { amount } paid paidBy paymentNote paymentIdempotencyKey }
} }`;

interface Share {
  id: string;
  user: { id: string };
  amount: { amount: number };
  paid: boolean;
  paidBy: string | null;
  paymentNote: string | null;
  paymentIdempotencyKey: string | null;
}
type Added = { addExpense: { id: string; shares: Share[] } };

const add = (by: TestUser, input: Record<string, unknown>) => gql<Added>(ADD, { input }, as(by));
const SHARES = `query($id: ID!) { group(id: $id) { expenses(first: 10) { edges { node { id shares { id user { id } paid paidBy } } } } } }`;

/** sendMoney as a client pays a share or a settle-up suggestion: the note (and key) the API handed out. */
async function pay(from: TestUser, to: string, amount: number, note: string, idempotencyKey: string): Promise<string> {
  const res = await gqlOk<{ sendMoney: { transaction: { id: string } } }>(
    `mutation($input: SendMoneyInput!) { sendMoney(input: $input) { transaction { id } } }`,
    { input: { toUserId: to, amount: { amount, currency: 'EUR' }, note, idempotencyKey } },
    as(from),
  );
  return res.sendMoney.transaction.id;
}

describe('shared expenses: splits, balances, settle-up and payments', () => {
  it('splits, balances, pays in the app and outside it, and settles everyone to zero', async () => {
    const { groupId, owner: olga, members } = await household('Expenses', 2);
    const [anna, ben] = members as [TestUser, TestUser];

    // 10.00 split three ways: the left-over cent goes to the first listed.
    const dinner = await add(olga, { groupId, description: 'Dinner', amount: { amount: 1000, currency: 'EUR' }, splitMethod: 'EQUAL', split: [{ userId: olga.id }, { userId: anna.id }, { userId: ben.id }] });
    expect(dinner.errors).toBeUndefined();
    const shares = dinner.data?.addExpense.shares ?? [];
    expect(shares.map((s) => [s.user.id, s.amount.amount, s.paid])).toEqual([
      [olga.id, 334, true],
      [anna.id, 333, false],
      [ben.id, 333, false],
    ]);
    expect(shares[0]?.paymentNote).toBeNull();
    const [, annaShare, benShare] = shares as [Share, Share, Share];
    expect(annaShare.paymentNote).toContain(`share:${annaShare.id}`);

    const bad = await add(ben, { groupId, description: 'Rent', amount: { amount: 900, currency: 'EUR' }, splitMethod: 'EXACT', split: [{ userId: olga.id, weight: 100 }, { userId: anna.id, weight: 700 }] });
    expect(reasonOf(bad)).toBe('SPLIT_NOT_TOTAL');
    const outsider = await signUpUser();
    expect(reasonOf(await add(ben, { groupId, description: 'x', amount: { amount: 5, currency: 'EUR' }, splitMethod: 'EQUAL', split: [{ userId: outsider.id }] }))).toBe('MEMBER_NOT_FOUND');
    const groceries = await add(anna, { groupId, description: 'Groceries', amount: { amount: 900, currency: 'EUR' }, payerId: ben.id, splitMethod: 'EXACT', split: [{ userId: olga.id, weight: 100 }, { userId: anna.id, weight: 800 }, { userId: ben.id, weight: 0 }] });
    expect(groceries.errors).toBeUndefined();

    let books = await booksOf(ben, groupId);
    expect([netOf(books, olga.id), netOf(books, anna.id), netOf(books, ben.id)]).toEqual([566, -1133, 567]);
    expect(books.group.settleUp.map((t) => [t.from.id, t.to.id, t.amount.amount])).toEqual([
      [anna.id, ben.id, 567],
      [anna.id, olga.id, 566],
    ]);
    expect(reasonOf(await gql(`mutation($g: ID!) { leaveGroup(groupId: $g) }`, { g: groupId }, as(anna)))).toBe('OPEN_BALANCE');

    // Anna pays her dinner share in the app, twice by mistake: the idempotency key moves the money once.
    await depositTo(anna, 5_000, 'EUR');
    const txId = await pay(anna, olga.id, 333, annaShare.paymentNote ?? '', annaShare.paymentIdempotencyKey ?? '');
    expect(await pay(anna, olga.id, 333, annaShare.paymentNote ?? '', annaShare.paymentIdempotencyKey ?? '')).toBe(txId);
    const paidInApp = (data: { group: { expenses: { edges: { node: { id: string; shares: { id: string; paid: boolean; paidBy: string | null }[] } }[] } } }) =>
      data.group.expenses.edges.flatMap((e) => e.node.shares).find((s) => s.id === annaShare.id);
    const seen = await eventually(() => gqlOk<Parameters<typeof paidInApp>[0]>(SHARES, { id: groupId }, as(anna)), (d) => paidInApp(d)?.paid === true, {
      what: 'the share paid by wallet transfer',
    });
    expect(paidInApp(seen)).toMatchObject({ paid: true, paidBy: 'IN_APP' });

    // Ben paid Olga in cash: only Olga (his creditor) can say so, once.
    const MARK = `mutation($id: ID!) { markSharePaid(shareId: $id) { paid paidBy paymentNote } }`;
    expect(reasonOf(await gql(MARK, { id: benShare.id }, as(ben)))).toBe('NOT_SHARE_CREDITOR');
    expect((await gqlOk<{ markSharePaid: unknown }>(MARK, { id: benShare.id }, as(olga))).markSharePaid).toEqual({ paid: true, paidBy: 'OUTSIDE', paymentNote: null });
    expect(reasonOf(await gql(MARK, { id: benShare.id }, as(olga)))).toBe('SHARE_ALREADY_PAID');
    expect(reasonOf(await gql(MARK, { id: annaShare.id }, as(olga)))).toBe('SHARE_ALREADY_PAID');

    books = await booksOf(olga, groupId);
    expect([netOf(books, olga.id), netOf(books, anna.id), netOf(books, ben.id)]).toEqual([-100, -800, 900]);
    const suggestions = books.group.settleUp;
    expect(suggestions.map((t) => [t.from.id, t.to.id, t.amount.amount])).toEqual([
      [anna.id, ben.id, 800],
      [olga.id, ben.id, 100],
    ]);

    // Settle up: Anna by wallet transfer with the suggested note, Olga in cash (Ben records it).
    await pay(anna, ben.id, 800, suggestions[0]?.paymentNote ?? '', randomUUID());
    await gqlOk(`mutation($input: RecordSettlementInput!) { recordSettlement(input: $input) { id } }`, { input: { groupId, fromUserId: olga.id, amount: { amount: 100, currency: 'EUR' } } }, as(ben));
    const settled = await eventually(() => booksOf(ben, groupId), (b) => b.group.balances.every((x) => x.net.amount === 0), { what: 'every balance at zero' });
    expect(settled.group.settleUp).toEqual([]);
    expect(settled.group.balances).toHaveLength(3);
    expect((await gql(`mutation($g: ID!) { leaveGroup(groupId: $g) }`, { g: groupId }, as(anna))).data).toEqual({ leaveGroup: true });
  });
});
