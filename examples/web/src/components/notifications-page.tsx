import { useNotificationFeed, type UnreadNotifications } from '@sx/react';
import { hrefOf } from '../router';
import { ErrorMessage } from './error-message';

/** The feed, newest first and paginated; each unread one can be marked read, or all at once. */
export function NotificationsPage({ unread }: { unread: UnreadNotifications }) {
  const feed = useNotificationFeed(unread);
  return (
    <section aria-labelledby="notifications-heading">
      <h2 id="notifications-heading">Notifications</h2>
      <p>
        <button type="button" onClick={() => void feed.markRead({ all: true })} disabled={feed.marking}>
          Mark all read
        </button>{' '}
        <a href={hrefOf({ name: 'preferences' })}>Notification settings</a>
      </p>
      {feed.items.length === 0 && !feed.loading ? <p>Nothing yet.</p> : null}
      <ul aria-label="Notifications" className="notifications">
        {feed.items.map((n) => (
          <li key={n.id} className={n.readAt ? 'read' : 'unread'}>
            <strong>{n.title}</strong> <span>{n.body}</span>
            {n.task ? (
              <>
                {' '}
                <a href={hrefOf({ name: 'task', taskId: n.task.id })}>{n.task.title}</a>
              </>
            ) : null}
            {n.readAt ? null : (
              <button type="button" onClick={() => void feed.markRead({ ids: [n.id] })}>
                Mark read
              </button>
            )}
          </li>
        ))}
      </ul>
      {feed.hasMore ? (
        <button type="button" onClick={() => void feed.loadMore()} disabled={feed.loadingMore}>
          Show older
        </button>
      ) : null}
      <ErrorMessage message={feed.error?.message ?? null} />
    </section>
  );
}
