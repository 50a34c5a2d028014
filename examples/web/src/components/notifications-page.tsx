import { useMutation, useQuery } from '@sx/react';
import { getFragmentData, MarkNotificationsReadDocument, MyNotificationsDocument, NotificationRowFragmentDoc } from '@sx/sdk';
import { useEffect } from 'react';
import { hrefOf } from '../router';
import { ErrorMessage } from './error-message';

/** The feed, newest first; each unread one can be marked read, or all at once. */
export function NotificationsPage({ arrivals, onUnreadCount }: { arrivals: number; onUnreadCount: (count: number) => void }) {
  const feed = useQuery(MyNotificationsDocument, { first: 50 });
  const [markRead, marking] = useMutation(MarkNotificationsReadDocument);
  const { refresh } = feed;
  // A live notification arrived: show it.
  useEffect(() => {
    if (arrivals > 0) void refresh();
  }, [arrivals, refresh]);

  async function mark(input: { ids: string[] } | { all: true }) {
    const result = await markRead({ input });
    if (result.ok) {
      onUnreadCount(result.data.markNotificationsRead.unreadCount);
      await refresh();
    }
  }

  const rows = (feed.data?.notifications.edges ?? []).map((e) => getFragmentData(NotificationRowFragmentDoc, e.node));
  return (
    <section aria-labelledby="notifications-heading">
      <h2 id="notifications-heading">Notifications</h2>
      <p>
        <button type="button" onClick={() => void mark({ all: true })} disabled={marking.loading}>
          Mark all read
        </button>{' '}
        <a href={hrefOf({ name: 'preferences' })}>Notification settings</a>
      </p>
      {rows.length === 0 && !feed.loading ? <p>Nothing yet.</p> : null}
      <ul aria-label="Notifications" className="notifications">
        {rows.map((n) => (
          <li key={n.id} className={n.readAt ? 'read' : 'unread'}>
            <strong>{n.title}</strong> <span>{n.body}</span>
            {n.task ? (
              <>
                {' '}
                <a href={hrefOf({ name: 'task', taskId: n.task.id })}>{n.task.title}</a>
              </>
            ) : null}
            {n.readAt ? null : (
              <button type="button" onClick={() => void mark({ ids: [n.id] })}>
                Mark read
              </button>
            )}
          </li>
        ))}
      </ul>
      <ErrorMessage message={feed.error?.message ?? marking.error?.message ?? null} />
    </section>
  );
}
