import { hrefOf } from '../router';

/** The bell: how many notifications are unread (useUnreadNotifications keeps the count live). */
export function NotificationBell({ count }: { count: number }) {
  return (
    <a href={hrefOf({ name: 'notifications' })} className="bell" aria-label={`Notifications: ${count} unread`}>
      🔔 <span data-testid="unread-count">{count}</span>
    </a>
  );
}
