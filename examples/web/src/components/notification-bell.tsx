import { useQuery, useSubscription } from '@sx/react';
import { NotificationEventsDocument, UnreadNotificationCountDocument } from '@sx/sdk';
import { useState } from 'react';
import { hrefOf } from '../router';

/** The bell: how many notifications are unread, fetched once and then kept current by live events. */
export function NotificationBell({ liveCount }: { liveCount: number | null }) {
  const query = useQuery(UnreadNotificationCountDocument);
  const count = liveCount ?? query.data?.me?.unreadNotificationCount ?? 0;
  return (
    <a href={hrefOf({ name: 'notifications' })} className="bell" aria-label={`Notifications: ${count} unread`}>
      🔔 <span data-testid="unread-count">{count}</span>
    </a>
  );
}

/**
 * Follows notificationEvents for the signed-in user: the unread count each event carries, and a
 * counter the feed page refreshes on. Marking read sets the count from the mutation's answer.
 */
export function useNotificationFeed() {
  const [liveCount, setLiveCount] = useState<number | null>(null);
  const [arrivals, setArrivals] = useState(0);
  useSubscription(NotificationEventsDocument, {}, {
    onEvent: (data) => {
      setLiveCount(data.notificationEvents.unreadCount);
      setArrivals((n) => n + 1);
    },
  });
  return { liveCount, setLiveCount, arrivals };
}
