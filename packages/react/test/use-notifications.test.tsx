// @vitest-environment jsdom
import { NOTIFICATIONS_PAGE_SIZE, useNotificationFeed, useSession, useUnreadNotifications } from '@sx/react';
import type { RunningStack } from '@sx/stack';
import { eventually, gatewayProcessUrl, gqlOk, launchGatewayProcess, metricSample, placeBidAs, postTaskAs, signUpUser, stackInfo, type TestUser } from '@sx/testkit';
import { useStackDb } from '@sx/testkit/hooks';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { renderHook, testClient } from './render.js';

// The shared notification hooks of the web and mobile apps, against the real stack: a poster with
// more notifications than a page pages on by cursor, hears a new one live, and marks read.
//
// The hooks talk to a gateway of this file's own, started once the events of the notifications
// made beforehand are in the stream: its live feed begins after them. (The stack's gateway may
// still be reading them when the hooks subscribe — under load it trails the database by seconds —
// and would deliver them as live arrivals the test did not cause.)

const db = useStackDb();
let gateway: RunningStack | undefined;
afterAll(async () => {
  await gateway?.stop();
});

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

/** The poster's notification events the outbox relay has not yet published to the stream. */
async function unpublishedEventsOf(user: TestUser): Promise<number> {
  const { rows } = await db.execute<{ n: number }>(
    sql`SELECT count(*)::int AS n FROM notifications.outbox WHERE published_at IS NULL AND envelope->'data'->>'recipientId' = ${user.id}`,
  );
  return rows[0]?.n ?? -1;
}

/** notificationEvents subscriptions open on the file's gateway (only this test's client uses it). */
async function liveSubscriptions(): Promise<number> {
  const base = gateway?.processes.get('gateway')?.baseUrl;
  const res = await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${stackInfo().secrets.metricsToken}` } });
  return metricSample(await res.text(), 'sx_live_subscriptions', ['field="notificationEvents"']) ?? 0;
}

function useBoth() {
  const unread = useUnreadNotifications();
  const feed = useNotificationFeed(unread);
  // The subscription starts again once the session knows the viewer: the test waits for that one.
  const signedIn = useSession().status === 'signed-in';
  return { unread, feed, signedIn };
}

describe('useUnreadNotifications and useNotificationFeed', () => {
  it('page on by cursor, show a new notification live, and mark one and then all read', { timeout: 240_000 }, async () => {
    const [poster, tasker] = await Promise.all([signUpUser({ roles: ['POSTER'], name: 'Nora Notified' }), signUpUser({ roles: ['TASKER'], name: 'Tim Tasker' })]);
    const total = NOTIFICATIONS_PAGE_SIZE + 2;
    for (let i = 0; i < total; i++) await bidOnNewTask(poster, tasker, `Task ${i}`);
    await untilUnread(poster, total);
    await eventually(() => unpublishedEventsOf(poster), (n) => n === 0, { timeoutMs: 60_000, what: 'the notification events published' });
    gateway = await launchGatewayProcess();

    const sx = testClient(undefined, gatewayProcessUrl(gateway));
    expect((await sx.signIn(poster)).ok).toBe(true);
    const view = await renderHook(sx, useBoth);
    // Signed in and the first page loaded for the viewer: the rows fetched before the session
    // knew the viewer stay listed while that page loads again, without its pageInfo.
    const firstPage = await view.until(
      (s) => s.signedIn && !s.feed.loading && s.feed.items.length === NOTIFICATIONS_PAGE_SIZE && s.unread.count === total,
      'the first page and the count',
    );
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

    // Nothing arrived live yet: every notification so far was made before the gateway started.
    expect(view.current().unread.arrivals).toBe(0);
    // The subscription is open (the gateway counts it), so each bid from here on arrives live;
    // bid on new tasks until one has.
    await eventually(liveSubscriptions, (n) => n === 1, { what: 'the notificationEvents subscription open' });
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
    // Every bid's notification arrives (the last one's count is the server's): none is still on its way when marking all read.
    const arrived = await view.until(
      (s) => s.unread.arrivals === live.length && s.feed.items.length === total + live.length && s.unread.count === total - 1 + live.length,
      'the live ones arrived and listed',
    );
    expect(arrived.feed.items[0]?.task?.id).toBe(live.at(-1));

    await view.current().feed.markRead({ all: true });
    const none = await view.until((s) => s.unread.count === 0 && s.feed.items.every((n) => n.readAt !== null), 'all marked read');
    expect(none.feed.items).toHaveLength(total + live.length);
    await untilUnread(poster, 0);
    view.unmount();
  });
});
