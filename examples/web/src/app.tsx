import { PaymentFeedProvider, useSession, useUnreadNotifications, type UnreadNotifications, type Viewer } from '@sx/react';
import { AuthScreen } from './components/auth-screen';
import { NearbyTasks } from './components/nearby-tasks';
import { PostTask } from './components/post-task';
import { TaskPage } from './components/task-page';
import { WalletPanel } from './components/wallet-panel';
import { ResetPasswordPage, VerifyEmailPage } from './components/account-links';
import { NotificationBell } from './components/notification-bell';
import { NotificationSettings, UnsubscribePage } from './components/notification-settings';
import { NotificationsPage } from './components/notifications-page';
import { GroupPage } from './components/group-page';
import { GroupsPage } from './components/groups-page';
import { hrefOf, useRoute, type Route } from './router';

export function App() {
  const { status, viewer } = useSession();
  const route = useRoute();
  if (route.name === 'unsubscribe') return <UnsubscribePage token={route.token} />;
  if (route.name === 'verify-email') return <VerifyEmailPage token={route.token} />;
  if (route.name === 'reset-password') return <ResetPasswordPage token={route.token} />;
  if (status === 'restoring') return <p>Loading…</p>;
  if (!viewer) return <AuthScreen />;
  // Keyed by the user: nothing of one session's live state carries over to the next.
  return (
    <PaymentFeedProvider key={viewer.id}>
      <SignedIn viewer={viewer} />
    </PaymentFeedProvider>
  );
}

function SignedIn({ viewer }: { viewer: Viewer }) {
  const { signOut } = useSession();
  const route = useRoute();
  const unread = useUnreadNotifications();
  return (
    <>
      <header className="top">
        <nav aria-label="Main">
          <a href={hrefOf({ name: 'nearby' })}>Nearby tasks</a>
          <a href={hrefOf({ name: 'post' })}>Post a task</a>
          <a href={hrefOf({ name: 'groups' })}>Groups</a>
          <NotificationBell count={unread.count} />
        </nav>
        <p>
          Signed in as <strong>{viewer.name}</strong>{' '}
          <button type="button" onClick={() => void signOut()}>
            Sign out
          </button>
        </p>
      </header>
      <main>
        <WalletPanel />
        <Page route={route} unread={unread} />
      </main>
    </>
  );
}

function Page({ route, unread }: { route: Route; unread: UnreadNotifications }) {
  if (route.name === 'task') return <TaskPage key={route.taskId} taskId={route.taskId} />;
  if (route.name === 'post') return <PostTask />;
  if (route.name === 'notifications') return <NotificationsPage unread={unread} />;
  if (route.name === 'preferences') return <NotificationSettings />;
  if (route.name === 'groups') return <GroupsPage />;
  if (route.name === 'group') return <GroupPage key={route.groupId} groupId={route.groupId} />;
  return <NearbyTasks />;
}
