// @vitest-environment jsdom
import { NOTIFICATIONS_PAGE_SIZE, useNotificationFeed, useUnreadNotifications } from '@sx/react';
import { eventually, gqlOk, placeBidAs, postTaskAs, signUpUser, type TestUser } from '@sx/testkit';
import { describe, expect, it } from 'vitest';
import { renderHook, testClient } from './render.js';

// The shared notification hooks of the web and mobile apps, against the real stack: a poster with
// more notifications than a page pages on by cursor, hears a new one live, and marks read.

/** Notifications are made from events, after the bid's answer: waits until the server counts `n` unread. */
async function untilUnread(poster: TestUser, n: number): Promise<void> {
  const read = () => gqlOk<{ me: { unreadNotificationCount: number } }>('{ me { id unreadNotificationCount } }', {}, { token: poster.accessToken });
  await eventually(read, (data) => data.me.unreadNotificationCount === n, { timeoutMs: 60_000, intervalMs: 250, what: `${n} unread notifications` });
}

async function bidOnNewTask(poster: TestUser, tasker: TestUser, title: string): Promise<string> {
  const taskId = await postTaskAs(poster, { title, currency: 'EUR' });
  await placeBidAs(tasker, taskId, 2_000, 'EUR');
  return taskId;
}

function useBoth() {
  const unread = useUnreadNotifications();
  const feed = useNotificationFeed(unread);
  return { unread, feed };
}

describe('useUnreadNotifications and useNotificationFeed', () => {
  it('page on by cursor, show a new notification live, and mark one and then all read', { timeout: 180_000 }, async () => {
    const [poster, tasker] = await Promise.all([signUpUser({ roles: ['POSTER'], name: 'Nora Notified' }), signUpUser({ roles: ['TASKER'], name: 'Tim Tasker' })]);
    const total = NOTIFICATIONS_PAGE_SIZE + 2;
    for (let i = 0; i < total; i++) await bidOnNewTask(poster, tasker, `Task ${i}`);
    await untilUnread(poster, total);

    const sx = testClient();
    expect((await sx.signIn(poster)).ok).toBe(true);
    const view = await renderHook(sx, useBoth);
    const firstPage = await view.until((s) => s.feed.items.length === NOTIFICATIONS_PAGE_SIZE && s.unread.count === total, 'the first page and the count');
    expect(firstPage.feed.hasMore).toBe(true);
    // Newest first: the last task bid on leads.
    expect(firstPage.feed.items[0]?.task?.title).toBe(`Task ${total - 1}`);

    await view.current().feed.loadMore();
    const all = await view.until((s) => s.feed.items.length === total && !s.feed.loadingMore, 'the older page');
    expect(all.feed.hasMore).toBe(false);
    expect(all.feed.items.map((n) => n.task?.title)).toEqual(Array.from({ length: total }, (_, i) => `Task ${total - 1 - i}`));
    expect(all.feed.items.every((n) => n.title === 'New bid on your task' && n.readAt === null)).toBe(true);

    // The oldest is on the page loaded later: marking it read shows there too.
    const oldest = String(all.feed.items.at(-1)?.id);
    await view.current().feed.markRead({ ids: [oldest] });
    const one = await view.until((s) => s.unread.count === total - 1, 'one marked read');
    expect(one.feed.items.filter((n) => n.readAt !== null).map((n) => n.id)).toEqual([oldest]);

    // A new subscription has no "ready" signal: bid on new tasks until one arrives live.
    const live: string[] = [];
    await eventually(
      async () => {
        if (view.current().unread.arrivals === 0) live.push(await bidOnNewTask(poster, tasker, `Live ${live.length}`));
        return view.current().unread.arrivals;
      },
      (n) => n > 0,
      { timeoutMs: 60_000, intervalMs: 500, what: 'a live notification' },
    );
    await untilUnread(poster, total - 1 + live.length);
    const arrived = await view.until((s) => s.feed.items.length === total + live.length && s.unread.count === total - 1 + live.length, 'the live one listed');
    expect(arrived.feed.items[0]?.task?.id).toBe(live.at(-1));

    await view.current().feed.markRead({ all: true });
    const none = await view.until((s) => s.unread.count === 0 && s.feed.items.every((n) => n.readAt !== null), 'all marked read');
    expect(none.feed.items).toHaveLength(total + live.length);
    await untilUnread(poster, 0);
    view.unmount();
  });
});
