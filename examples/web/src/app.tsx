import { PaymentFeedProvider, useSession, type Viewer } from '@sx/react';
import { AuthScreen } from './components/auth-screen';
import { NearbyTasks } from './components/nearby-tasks';
import { PostTask } from './components/post-task';
import { TaskPage } from './components/task-page';
import { WalletPanel } from './components/wallet-panel';
import { hrefOf, useRoute } from './router';

export function App() {
  const { status, viewer } = useSession();
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
  return (
    <>
      <header className="top">
        <nav aria-label="Main">
          <a href={hrefOf({ name: 'nearby' })}>Nearby tasks</a>
          <a href={hrefOf({ name: 'post' })}>Post a task</a>
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
        {route.name === 'task' ? <TaskPage key={route.taskId} taskId={route.taskId} /> : route.name === 'post' ? <PostTask /> : <NearbyTasks />}
      </main>
    </>
  );
}
