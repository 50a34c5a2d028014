import type { SxClient } from '@sx/sdk';
import { createContext, useContext } from 'react';
import type { Session, Viewer } from './session-state.js';

/** The app's SDK client, set by <SxProvider>. */
export const ClientContext = createContext<SxClient | null>(null);
/** Who is signed in, set by <SxProvider>. */
export const SessionContext = createContext<Session | null>(null);

/** The SDK client of the nearest <SxProvider>. */
export function useSx(): SxClient {
  const client = useContext(ClientContext);
  if (!client) throw new Error('useSx outside <SxProvider>: wrap the app in <SxProvider client={…}>');
  return client;
}

/** The session of the nearest <SxProvider>: who is signed in, and sign-in, sign-up, sign-out. */
export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside <SxProvider>: wrap the app in <SxProvider client={…}>');
  return session;
}

/** The signed-in user, for components rendered only after sign-in. */
export function useViewer(): Viewer {
  const { viewer } = useSession();
  if (!viewer) throw new Error('useViewer before sign-in: render this component only when signed in');
  return viewer;
}
