import { describe, expect, it } from 'vitest';
import { eventually, gql, gqlOk, signUpUser, type GraphQLResponse, type TestUser } from '@sx/testkit';
import { as, household } from '../subgraphs/groups/test/group-api.js';
import { createUpload, jpegBytes, onGateway, pdfBytes, PHOTO_FIELDS, putBytes, reasonOf, type Photo } from './task-photos-api.js';

// Expense.receipt through the gateway: the payer attaches an uploaded receipt (files learns who
// paid from groups.expense.added), members download it by a URL minted for them, and everyone
// else is refused on the field and on the URL, including a member once removed from the group.

const ADD = `mutation($input: AddExpenseInput!) { addExpense(input: $input) { id } }`;
const RECEIPT = `query($id: ID!) { group(id: $id) { expenses(first: 5) { edges { node { id receipt { ${PHOTO_FIELDS} } } } } } }`;
type Receipts = { group: { expenses: { edges: { node: { id: string; receipt: Photo | null } }[] } } | null };

function attach(user: TestUser, expenseId: string, uploadId: string): Promise<GraphQLResponse<{ attachExpenseReceipt: Photo }>> {
  return gql<{ attachExpenseReceipt: Photo }>(
    `mutation($input: AttachExpenseReceiptInput!) { attachExpenseReceipt(input: $input) { ${PHOTO_FIELDS} } }`,
    { input: { expenseId, uploadId } },
    as(user),
  );
}

/** attachExpenseReceipt, retried only while files has not yet heard of an expense recorded a moment ago. */
const attachOnceKnown = (user: TestUser, expenseId: string, uploadId: string) =>
  eventually(() => attach(user, expenseId, uploadId), (r) => r.errors?.[0]?.extensions?.reason !== 'EXPENSE_NOT_YET_KNOWN', { what: 'files to know the expense' });

async function uploaded(user: TestUser, bytes: Uint8Array): Promise<string> {
  const ticket = await createUpload(user, 'DOCUMENT');
  const put = await putBytes(ticket.uploadUrl, bytes);
  if (put.status !== 201) throw new Error(`upload failed: ${JSON.stringify(put.body)}`);
  return ticket.uploadId;
}

/** An expense in EUR that `payer` paid, split equally among `between`; its id. */
async function recordExpense(payer: TestUser, groupId: string, description: string, cents: number, between: TestUser[]): Promise<string> {
  const split = between.map((u) => ({ userId: u.id }));
  const { addExpense } = await gqlOk<{ addExpense: { id: string } }>(ADD, { input: { groupId, description, amount: { amount: cents, currency: 'EUR' }, splitMethod: 'EQUAL', split } }, as(payer));
  return addExpense.id;
}

const receiptOf = async (user: TestUser, groupId: string): Promise<GraphQLResponse<Receipts>> => gql<Receipts>(RECEIPT, { id: groupId }, as(user));

describe('expense receipts', () => {
  it('lets the payer attach a receipt that members download, and refuses everyone else on the field and the URL', async () => {
    const [{ groupId, owner: olga, members }, outsider] = await Promise.all([household('Receipts', 2), signUpUser()]);
    const [anna, ben] = members as [TestUser, TestUser];
    // Ben has no share, so he can be removed from the group later without an open balance.
    const expenseId = await recordExpense(olga, groupId, 'Groceries', 4200, [olga, anna]);

    // Wrong type and size are refused at the PUT, by the bytes.
    const ticket = await createUpload(olga, 'DOCUMENT');
    expect(ticket.acceptedContentTypes).toContain('application/pdf');
    const html = await putBytes(ticket.uploadUrl, new TextEncoder().encode('<html><script>alert(1)</script></html>'), 'application/pdf');
    expect([html.status, reasonOf(html.body)]).toEqual([400, 'UNSUPPORTED_FILE_TYPE']);
    const huge = await putBytes(ticket.uploadUrl, new Uint8Array(ticket.maxBytes + 1).fill(0x25));
    expect([huge.status, reasonOf(huge.body)]).toEqual([413, 'FILE_TOO_LARGE']);

    // Only the payer attaches: not another member, with their own finished upload.
    const annas = await uploaded(anna, jpegBytes());
    expect((await attachOnceKnown(anna, expenseId, annas)).errors?.[0]?.extensions?.reason).toBe('NOT_EXPENSE_PAYER');
    const pdf = pdfBytes();
    const attached = await attachOnceKnown(olga, expenseId, await uploaded(olga, pdf));
    expect(attached.errors).toBeUndefined();
    expect(attached.data?.attachExpenseReceipt).toMatchObject({ contentType: 'application/pdf', sizeBytes: pdf.length });
    const receiptId = attached.data?.attachExpenseReceipt.id;

    // A member sees it and downloads it.
    const annaView = await receiptOf(anna, groupId);
    const annaReceipt = annaView.data?.group?.expenses.edges[0]?.node.receipt;
    expect(annaReceipt?.id).toBe(receiptId);
    const download = await fetch(onGateway(annaReceipt?.url ?? ''));
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('application/pdf');
    expect(download.headers.get('content-disposition')).toMatch(/^attachment;/);
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(pdf);

    // A non-member gets no expense, so no receipt and no URL.
    const outsiderView = await receiptOf(outsider, groupId);
    expect(outsiderView.errors?.[0]?.extensions?.reason).toBe('NOT_GROUP_MEMBER');
    expect(JSON.stringify(outsiderView)).not.toContain('/files/');
    // A member's URL rewritten for someone else is not signed for them.
    const rewritten = (annaReceipt?.url ?? '').replace(/for=[^&]+/, `for=${outsider.id}`);
    expect(rewritten).not.toBe(annaReceipt?.url);
    const forged = await fetch(onGateway(rewritten));
    expect([forged.status, reasonOf((await forged.json()) as Record<string, unknown>)]).toEqual([403, 'FILE_URL_INVALID']);

    // Ben had a URL as a member; removed from the group, he loses the field and the URL at once.
    const benUrl = (await receiptOf(ben, groupId)).data?.group?.expenses.edges[0]?.node.receipt?.url ?? '';
    expect((await fetch(onGateway(benUrl))).status).toBe(200);
    await gqlOk('mutation($g: ID!, $u: ID!) { removeGroupMember(groupId: $g, userId: $u) }', { g: groupId, u: ben.id }, as(olga));
    expect((await receiptOf(ben, groupId)).errors?.[0]?.extensions?.reason).toBe('NOT_GROUP_MEMBER');
    const refused = await eventually(() => fetch(onGateway(benUrl)), (r) => r.status !== 200, { what: 'files to hear that Ben left' });
    expect([refused.status, reasonOf((await refused.json()) as Record<string, unknown>)]).toEqual([403, 'FILE_NOT_SHARED']);
    expect((await fetch(onGateway(annaReceipt?.url ?? ''))).status).toBe(200);

    // A new receipt replaces the old one, whose file is gone.
    const replaced = await attach(olga, expenseId, await uploaded(olga, jpegBytes(500)));
    expect(replaced.data?.attachExpenseReceipt).toMatchObject({ contentType: 'image/jpeg', sizeBytes: 500 });
    expect((await receiptOf(anna, groupId)).data?.group?.expenses.edges[0]?.node.receipt?.id).toBe(replaced.data?.attachExpenseReceipt.id);
    expect((await fetch(onGateway(annaReceipt?.url ?? ''))).status).toBe(404);
  });
});

describe('removing an expense receipt', () => {
  const REMOVE = `mutation($id: ID!) { removeExpenseReceipt(expenseId: $id) { removedReceiptId expense { id } } }`;
  const refusal = (res: GraphQLResponse<unknown>): unknown => res.errors?.[0]?.extensions?.reason;
  const remove = (user: TestUser, expenseId: string) => gql<{ removeExpenseReceipt: { removedReceiptId: string; expense: { id: string } } }>(REMOVE, { id: expenseId }, as(user));
  /** A member's download URL of the expense's receipt, once files knows them as a member (the URL then works). */
  async function workingUrlOf(user: TestUser, groupId: string): Promise<string> {
    const url = (await receiptOf(user, groupId)).data?.group?.expenses.edges[0]?.node.receipt?.url ?? '';
    await eventually(() => fetch(onGateway(url)), (r) => r.status === 200, { what: 'files to know the member' });
    return url;
  }

  it('lets the payer or the group’s owner remove it, stopping its URLs; other members and non-members are refused', async () => {
    const [{ groupId, owner: olga, members }, outsider] = await Promise.all([household('Receipt removal', 2), signUpUser()]);
    const [anna, ben] = members as [TestUser, TestUser];
    // Anna paid; Olga owns the group; Ben is a member who neither paid nor owns it.
    const expenseId = await recordExpense(anna, groupId, 'Plumber', 9000, [olga, anna]);
    const first = await attachOnceKnown(anna, expenseId, await uploaded(anna, jpegBytes(300)));
    expect(first.errors).toBeUndefined();
    const [olgasUrl, bensUrl] = [await workingUrlOf(olga, groupId), await workingUrlOf(ben, groupId)];

    expect(refusal(await remove(outsider, expenseId))).toBe('NOT_GROUP_MEMBER');
    expect(refusal(await remove(ben, expenseId))).toBe('NOT_RECEIPT_REMOVER');
    expect((await fetch(onGateway(bensUrl))).status).toBe(200);

    // The owner removes it: the field is empty for every member and every URL stops at once.
    const removed = await remove(olga, expenseId);
    expect(removed.errors).toBeUndefined();
    expect(removed.data?.removeExpenseReceipt).toEqual({ removedReceiptId: first.data?.attachExpenseReceipt.id, expense: { id: expenseId } });
    expect((await receiptOf(ben, groupId)).data?.group?.expenses.edges[0]?.node.receipt).toBeNull();
    for (const url of [olgasUrl, bensUrl]) expect((await fetch(onGateway(url))).status).toBe(404);
    expect(refusal(await remove(olga, expenseId))).toBe('RECEIPT_NOT_FOUND');
    expect(refusal(await remove(olga, 'not-an-id'))).toBe('RECEIPT_NOT_FOUND');

    // The payer removes a receipt attached again.
    const second = await attach(anna, expenseId, await uploaded(anna, pdfBytes()));
    expect(second.errors).toBeUndefined();
    expect((await remove(anna, expenseId)).data?.removeExpenseReceipt.removedReceiptId).toBe(second.data?.attachExpenseReceipt.id);
    expect((await receiptOf(olga, groupId)).data?.group?.expenses.edges[0]?.node.receipt).toBeNull();
  });
});
