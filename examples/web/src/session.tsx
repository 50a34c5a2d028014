import { getFragmentData, MeDocument, ViewerFragmentDoc, type Result, type SignUpInput, type ViewerFragment } from '@sx/sdk';
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { onSessionEnd, sx } from './sx-client';

export type Viewer = Pick<ViewerFragment, 'id' | 'name' | 'email' | 'roles'>;

interface Session {
  /** Null while the stored session is being checked, then the signed-in user or 'signed-out'. */
  viewer: Viewer | 'signed-out' | null;
  signIn(credentials: { email: string; password: string }): Promise<Result<ViewerFragment>>;
  signUp(input: SignUpInput): Promise<Result<ViewerFragment>>;
  signOut(): Promise<void>;
}

const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside <SessionProvider>');
  return session;
}

/** The signed-in user; only for components rendered after sign-in. */
export function useViewer(): Viewer {
  const { viewer } = useSession();
  if (!viewer || viewer === 'signed-out') throw new Error('useViewer before sign-in');
  return viewer;
}

/** Restores a session kept from an earlier visit (the token store) and tracks sign-in and out. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [viewer, setViewer] = useState<Session['viewer']>(null);

  useEffect(() => {
    let cancelled = false;
    void (async () => {
      if (!(await sx.isSignedIn())) return setViewer('signed-out');
      const me = await sx.request(MeDocument);
      if (cancelled) return;
      // A session the server no longer knows leaves us signed out (the SDK cleared the store).
      setViewer(me.ok && me.data.me ? getFragmentData(ViewerFragmentDoc, me.data.me) : 'signed-out');
    })();
    const stop = onSessionEnd(() => setViewer('signed-out'));
    return () => {
      cancelled = true;
      stop();
    };
  }, []);

  const keep = useCallback((result: Result<ViewerFragment>) => {
    if (result.ok) setViewer(result.data);
    return result;
  }, []);

  const session = useMemo<Session>(
    () => ({
      viewer,
      signIn: async (credentials) => keep(await sx.signIn(credentials)),
      signUp: async (input) => keep(await sx.signUp(input)),
      signOut: async () => {
        setViewer('signed-out');
        await sx.signOut();
      },
    }),
    [viewer, keep],
  );
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}
