import { errorCode, eventually, gql, gqlOk, scrapeMetrics, signUpUser, stackInfo, type GraphQLResponse, type TestUser } from '@sx/testkit';

// Group operations through the gateway, as a client sends them.

export const as = (user: TestUser) => ({ token: user.accessToken });

export const GROUP = `query($id: ID!) { group(id: $id) {
  id name myRole
  members(first: 50) { edges { node { role user { id name } } } }
  pendingInvitations(first: 10) { edges { node { email } } }
} }`;

export async function createGroupAs(owner: TestUser, name: string): Promise<string> {
  const { createGroup } = await gqlOk<{ createGroup: { id: string } }>(`mutation($input: CreateGroupInput!) { createGroup(input: $input) { id } }`, { input: { name } }, as(owner));
  return createGroup.id;
}

export const invite = (from: TestUser, groupId: string, email: string) =>
  gql<{ inviteToGroup: { id: string; email: string; groupName: string } }>(
    `mutation($input: InviteToGroupInput!) { inviteToGroup(input: $input) { id email groupName } }`,
    { input: { groupId, email } },
    as(from),
  );

/** Accepts, retrying only while groups has not yet heard of the invitee's fresh account. */
export async function accept(invitee: TestUser, invitationId: string): Promise<GraphQLResponse<{ acceptGroupInvitation: { id: string; myRole: string } }>> {
  const send = () => gql<{ acceptGroupInvitation: { id: string; myRole: string } }>(`mutation($id: ID!) { acceptGroupInvitation(id: $id) { id myRole } }`, { id: invitationId }, as(invitee));
  return eventually(send, (r) => r.errors?.[0]?.extensions?.reason !== 'EMAIL_NOT_KNOWN_YET', { what: 'groups to know the invitee' });
}

/** Invites `member` to the group and has them accept. */
export async function addMember(owner: TestUser, groupId: string, member: TestUser): Promise<void> {
  const res = await invite(owner, groupId, member.email);
  if (!res.data) throw new Error(`invite failed: ${JSON.stringify(res.errors)}`);
  const joined = await accept(member, res.data.inviteToGroup.id);
  if (joined.errors) throw new Error(`accept failed: ${JSON.stringify(joined.errors)}`);
}

/** A group of a fresh owner and `others` more fresh members, all joined. */
export async function household(name: string, others: number): Promise<{ groupId: string; owner: TestUser; members: TestUser[] }> {
  const people = await Promise.all(Array.from({ length: others + 1 }, (_, i) => signUpUser({ name: `${name} ${i}` })));
  const [owner, ...members] = people as [TestUser, ...TestUser[]];
  const groupId = await createGroupAs(owner, name);
  for (const m of members) await addMember(owner, groupId, m);
  return { groupId, owner, members };
}

export const reasonOf = (res: GraphQLResponse<unknown>): unknown => res.errors?.[0]?.extensions?.reason;
export { errorCode };

export interface BalanceRow {
  user: { id: string };
  net: { amount: number; currency: string };
}

export const BOOKS = `query($id: ID!) { group(id: $id) {
  balances { user { id } net { amount currency } }
  settleUp { from { id } to { id } amount { amount currency } paymentNote }
} }`;

export interface Books {
  group: { balances: BalanceRow[]; settleUp: { from: { id: string }; to: { id: string }; amount: { amount: number; currency: string }; paymentNote: string }[] };
}

export const booksOf = (user: TestUser, groupId: string) => gqlOk<Books>(BOOKS, { id: groupId }, as(user));

/** Net of one member in a currency (0 when absent). */
export const netOf = (books: Books, userId: string, currency = 'EUR'): number =>
  books.group.balances.find((b) => b.user.id === userId && b.net.currency === currency)?.net.amount ?? 0;

/** How many events a consumer of the groups service has handled (any outcome). */
export async function eventsHandled(consumer: string): Promise<number> {
  const text = await scrapeMetrics(stackInfo().services.groups ?? '');
  return text
    .split('\n')
    .filter((l) => l.startsWith('sx_events_handled_total{') && l.includes(`consumer="${consumer}"`))
    .reduce((sum, l) => sum + Number(l.split(' ').at(-1)), 0);
}
