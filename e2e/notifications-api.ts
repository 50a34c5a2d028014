import { eventually, gql, type GraphQLResponse, type TestUser } from '@sx/testkit';

/** A notification as the feed queries below select it. */
export interface FeedItem {
  id: string;
  kind: string;
  title: string;
  body: string;
  readAt: string | null;
  createdAt: string;
  task: { id: string; title: string } | null;
  bid: { id: string; amount: { amount: number } } | null;
  payment: { id: string; status: string } | null;
}

export const FEED_ITEM = `id kind title body readAt createdAt task { id title } bid { id amount { amount } } payment { id status }`;

interface Feed {
  notifications: { edges: { cursor: string; node: FeedItem }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
  me: { unreadNotificationCount: number | null };
}

/** The user's feed (one page) and unread count, through the gateway. */
export function feedOf(user: TestUser, args: { first?: number; after?: string; unreadOnly?: boolean } = {}): Promise<GraphQLResponse<Feed>> {
  return gql<Feed>(
    `query($first: Int, $after: String, $unreadOnly: Boolean) {
      notifications(first: $first, after: $after, unreadOnly: $unreadOnly) { edges { cursor node { ${FEED_ITEM} } } pageInfo { hasNextPage endCursor } }
      me { unreadNotificationCount } }`,
    args,
    { token: user.accessToken },
  );
}

export async function feedOk(user: TestUser, args: Parameters<typeof feedOf>[1] = {}): Promise<Feed> {
  const res = await feedOf(user, args);
  if (res.errors?.length || !res.data) throw new Error(`notifications failed: ${JSON.stringify(res.errors)}`);
  return res.data;
}

/** Waits until the user's feed holds notifications of every kind named (as many of each as named). */
export async function waitForKinds(user: TestUser, kinds: string[]): Promise<FeedItem[]> {
  const want = [...kinds].sort().join(',');
  const feed = await eventually(
    () => feedOk(user, { first: 100 }),
    (f) => {
      const have = f.notifications.edges.map((e) => e.node.kind).filter((k) => kinds.includes(k));
      return have.sort().join(',') === want;
    },
    { what: `notifications ${want} for ${user.name}`, timeoutMs: 30_000 },
  );
  return feed.notifications.edges.map((e) => e.node);
}


export function markRead(user: TestUser, input: { ids?: string[]; all?: boolean }) {
  return gql<{ markNotificationsRead: { marked: number; unreadCount: number } }>(
    `mutation($input: MarkNotificationsReadInput!) { markNotificationsRead(input: $input) { marked unreadCount } }`,
    { input },
    { token: user.accessToken },
  );
}

export async function markReadOk(user: TestUser, input: { ids?: string[]; all?: boolean }) {
  const res = await markRead(user, input);
  if (res.errors?.length || !res.data) throw new Error(`markNotificationsRead failed: ${JSON.stringify(res.errors)}`);
  return res.data.markNotificationsRead;
}
