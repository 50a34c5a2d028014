import { describe, expect, it } from 'vitest';
import { depositTo, placeBidAs, postTaskAs, sendMoneyAs, signUpUser } from '@sx/testkit';
import { useLiveGateway } from './live-harness.js';
import { feedOk } from './notifications-api.js';

// notificationEvents through a real gateway over graphql-ws: a new notification reaches its
// recipient live with the unread count for the bell, and nobody else.

const { connect, subscribed, count } = useLiveGateway();

interface NotificationEventPayload {
  notificationEvents: {
    cursor: string;
    unreadCount: number;
    notification: { id: string; kind: string; title: string; task: { title: string } | null };
  };
}
const NOTIFICATION_EVENTS = `subscription($after: String) { notificationEvents(after: $after) {
  cursor unreadCount notification { id kind title task { title } } } }`;

describe('Subscription.notificationEvents', () => {
  it('tells the poster of a bid live, with the unread count, and tells an outsider nothing', async () => {
    const [poster, tasker, outsider] = await Promise.all([
      signUpUser({ roles: ['POSTER'] }),
      signUpUser({ roles: ['TASKER'], name: 'Tia Tasker' }),
      signUpUser({ name: 'Otto Outsider' }),
    ]);
    const taskId = await postTaskAs(poster, { title: 'Paint the fence' });
    const before = count('notificationEvents');
    const posterFeed = connect(poster.accessToken).subscribe<NotificationEventPayload>(NOTIFICATION_EVENTS);
    const outsiderFeed = connect(outsider.accessToken).subscribe<NotificationEventPayload>(NOTIFICATION_EVENTS);
    await subscribed('notificationEvents', before + 2);

    await placeBidAs(tasker, taskId, 4_000);
    const [bid] = await posterFeed.waitFor(1);
    expect(bid?.notificationEvents).toMatchObject({
      unreadCount: 1,
      notification: { kind: 'BID_RECEIVED', title: 'New bid on your task', task: { title: 'Paint the fence' } },
    });
    const stored = await feedOk(poster);
    expect(stored.notifications.edges.map((e) => e.node.id)).toEqual([bid?.notificationEvents.notification.id]);

    // The outsider's first event is their own, made after the bid: the bid never reached them.
    await depositTo(tasker, 1_000);
    await sendMoneyAs(tasker, outsider, 500);
    const [own] = await outsiderFeed.waitFor(1);
    expect(own?.notificationEvents.notification.kind).toBe('MONEY_RECEIVED');
    expect(posterFeed.events).toHaveLength(1);
  });

  it('resumes after a cursor with the notifications missed meanwhile', async () => {
    const [sender, recipient] = await Promise.all([signUpUser(), signUpUser()]);
    await depositTo(sender, 5_000);
    const before = count('notificationEvents');
    const first = connect(recipient.accessToken).subscribe<NotificationEventPayload>(NOTIFICATION_EVENTS);
    await subscribed('notificationEvents', before + 1);
    await sendMoneyAs(sender, recipient, 100);
    const [one] = await first.waitFor(1);
    first.stop();

    await sendMoneyAs(sender, recipient, 200);
    await sendMoneyAs(sender, recipient, 300);
    const resumed = connect(recipient.accessToken).subscribe<NotificationEventPayload>(NOTIFICATION_EVENTS, { after: one?.notificationEvents.cursor });
    const missed = await resumed.waitFor(2);
    // A payload shows the count when it is built: the first may be built before the third notification is stored.
    expect(missed[0]?.notificationEvents.unreadCount).toBeGreaterThanOrEqual(2);
    expect(missed[1]?.notificationEvents.unreadCount).toBe(3);
    expect(new Set(missed.map((e) => e.notificationEvents.notification.id)).size).toBe(2);
    expect(missed.map((e) => e.notificationEvents.notification.id)).not.toContain(one?.notificationEvents.notification.id);
  });
});
