import {
  getFragmentData,
  MarkNotificationsReadDocument,
  MyNotificationsDocument,
  NotificationEventsDocument,
  NotificationRowFragmentDoc,
  UnreadNotificationCountDocument,
  type MyNotificationsQuery,
  type NotificationRowFragment,
  type SxError,
} from '@sx/sdk';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useSx } from '../context.js';
import { useMutation } from '../use-mutation.js';
import { useQuery } from '../use-query.js';
import { useSubscription } from '../use-subscription.js';

/** One page of the feed; the server allows at most 100. */
export const NOTIFICATIONS_PAGE_SIZE = 20;

export type NotificationItem = Omit<NotificationRowFragment, ' $fragmentName'>;

export interface UnreadNotifications {
  /** Unread notifications: fetched once, then the count each live event (or marking read) carries. */
  count: number;
  /** How many live notifications arrived while mounted: a feed refreshes when it changes. */
  arrivals: number;
  /** Sets the count from an answer that carries it (markNotificationsRead). */
  setCount(count: number): void;
  error: SxError | null;
}

/**
 * The bell's state for the signed-in user: the unread count, kept current by `notificationEvents`.
 * Mount it once per session (above the bell and the feed), keyed by the user.
 */
export function useUnreadNotifications(): UnreadNotifications {
  const query = useQuery(UnreadNotificationCountDocument);
  const [live, setLive] = useState<number | null>(null);
  const [arrivals, setArrivals] = useState(0);
  const events = useSubscription(NotificationEventsDocument, {}, {
    onEvent: ({ notificationEvents }) => {
      setLive(notificationEvents.unreadCount);
      setArrivals((n) => n + 1);
    },
  });
  const count = live ?? query.data?.me?.unreadNotificationCount ?? 0;
  return { count, arrivals, setCount: setLive, error: query.error ?? events.error };
}

export interface NotificationFeed {
  /** Newest first: the first page (refreshed as notifications arrive), then older pages loaded. */
  items: NotificationItem[];
  loading: boolean;
  refreshing: boolean;
  refresh(): Promise<unknown>;
  hasMore: boolean;
  loadingMore: boolean;
  /** Appends the next older page. */
  loadMore(): Promise<void>;
  /** Marks these notifications read, or all of them; the unread count follows the answer. */
  markRead(which: { ids: string[] } | { all: true }): Promise<void>;
  marking: boolean;
  error: SxError | null;
}

interface Paging {
  endCursor: string | null;
  hasNextPage: boolean;
}
type Known = Record<string, NotificationItem>;

type Page = MyNotificationsQuery['notifications'];
const rowsOf = (page: Page): NotificationItem[] => page.edges.map((edge) => getFragmentData(NotificationRowFragmentDoc, edge.node));

/** Adds fetched rows to those known; a notification once read stays read (a stale page cannot undo it). */
function merge(known: Known, rows: readonly NotificationItem[]): Known {
  const next = { ...known };
  for (const row of rows) {
    const readAt = row.readAt ?? known[row.id]?.readAt ?? null;
    next[row.id] = { ...row, readAt };
  }
  return next;
}

const newestFirst = (a: NotificationItem, b: NotificationItem) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id);

/**
 * The signed-in user's notifications, paginated by cursor. The first page is fetched again
 * whenever `unread.arrivals` moves; every row fetched stays in the list (merged by id, ordered by
 * time), so a page that shifted as new ones arrived leaves no gap before the older pages.
 */
export function useNotificationFeed(unread: Pick<UnreadNotifications, 'arrivals' | 'setCount'>): NotificationFeed {
  const sx = useSx();
  const first = useQuery(MyNotificationsDocument, { first: NOTIFICATIONS_PAGE_SIZE });
  const [known, setKnown] = useState<Known>({});
  const [older, setOlder] = useState<Paging | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<SxError | null>(null);
  const [mark, marking] = useMutation(MarkNotificationsReadDocument);
  const { refresh } = first;
  const { arrivals, setCount } = unread;
  const firstPage = first.data?.notifications;

  // A live notification arrived: show it.
  useEffect(() => {
    if (arrivals > 0) void refresh();
  }, [arrivals, refresh]);
  useEffect(() => {
    if (firstPage) setKnown((current) => merge(current, rowsOf(firstPage)));
  }, [firstPage]);

  const loadMore = useCallback(async () => {
    const after = older ? older.endCursor : (firstPage?.pageInfo.endCursor ?? null);
    if (!after) return;
    setLoadingMore(true);
    const result = await sx.request(MyNotificationsDocument, { first: NOTIFICATIONS_PAGE_SIZE, after });
    setLoadingMore(false);
    if (!result.ok) return setMoreError(result.error);
    setMoreError(null);
    const page = result.data.notifications;
    setKnown((current) => merge(current, rowsOf(page)));
    setOlder({ endCursor: page.pageInfo.endCursor ?? null, hasNextPage: page.pageInfo.hasNextPage });
  }, [sx, older, firstPage]);

  const markRead = useCallback(
    async (which: { ids: string[] } | { all: true }) => {
      const result = await mark({ input: which });
      if (!result.ok) return;
      setCount(result.data.markNotificationsRead.unreadCount);
      // Older pages are not fetched again: mark their rows here, as the server just did.
      const readAt = new Date().toISOString();
      const marked = (n: NotificationItem) => !n.readAt && ('all' in which || which.ids.includes(n.id));
      setKnown((current) => merge(current, Object.values(current).filter(marked).map((n) => ({ ...n, readAt }))));
      await refresh();
    },
    [mark, setCount, refresh],
  );

  const items = useMemo(() => Object.values(known).sort(newestFirst), [known]);
  const hasMore = older ? older.hasNextPage : (firstPage?.pageInfo.hasNextPage ?? false);
  const error = first.error ?? moreError ?? marking.error;
  return { items, loading: first.loading, refreshing: first.refreshing, refresh, hasMore, loadingMore, loadMore, markRead, marking: marking.loading, error };
}
