import { useSession, type Viewer } from '@sx/react';
import { Dashboard } from './components/dashboard';
import { DisputeQueue } from './components/dispute-queue';
import { PayoutRuns } from './components/payout-runs';
import { SignIn } from './components/sign-in';
import { UserSearch } from './components/user-search';
import { hrefOf, PAGE_TITLES, PAGES, usePage, type Page } from './router';

export function App() {
  const { status, viewer } = useSession();
  if (status === 'restoring') return <p>Loading…</p>;
  if (!viewer) return <SignIn />;
  // The API refuses every admin operation to anyone else; saying so here spares a page of errors.
  if (!viewer.roles.includes('ADMIN')) return <NotAdmin viewer={viewer} />;
  return <SignedIn viewer={viewer} />;
}

function NotAdmin({ viewer }: { viewer: Viewer }) {
  const { signOut } = useSession();
  return (
    <main>
      <p role="alert">
        {viewer.name} is not an admin. This app is for admins only (an admin grants the role with <code>npm run admin -- grant</code>).
      </p>
      <button type="button" onClick={() => void signOut()}>
        Sign out
      </button>
    </main>
  );
}

function SignedIn({ viewer }: { viewer: Viewer }) {
  const { signOut } = useSession();
  const page = usePage();
  return (
    <>
      <header className="top">
        <nav aria-label="Admin">
          {PAGES.map((p) => (
            <a key={p} href={hrefOf(p)} aria-current={p === page ? 'page' : undefined}>
              {PAGE_TITLES[p]}
            </a>
          ))}
        </nav>
        <p>
          Signed in as <strong>{viewer.name}</strong>{' '}
          <button type="button" onClick={() => void signOut()}>
            Sign out
          </button>
        </p>
      </header>
      <main>
        <h2>{PAGE_TITLES[page]}</h2>
        <PageBody page={page} />
      </main>
    </>
  );
}

function PageBody({ page }: { page: Page }) {
  switch (page) {
    case 'dashboard':
      return <Dashboard />;
    case 'disputes':
      return <DisputeQueue />;
    case 'users':
      return <UserSearch />;
    case 'payouts':
      return <PayoutRuns />;
  }
}
