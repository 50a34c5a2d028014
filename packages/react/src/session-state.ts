import { getFragmentData, MeDocument, ViewerFragmentDoc, type Result, type SignUpInput, type SxClient, type ViewerFragment } from '@sx/sdk';
import { useCallback, useEffect, useMemo, useState } from 'react';

/** The signed-in user as the Viewer fragment has them (id, name, email, roles …). */
export type Viewer = Omit<ViewerFragment, ' $fragmentName'>;

export interface Session {
  /** `restoring` while a session kept from an earlier visit (the token store) is checked. */
  status: 'restoring' | 'signed-in' | 'signed-out';
  /** The signed-in user; null unless `status` is `signed-in`. */
  viewer: Viewer | null;
  signIn(credentials: { email: string; password: string }): Promise<Result<ViewerFragment>>;
  signUp(input: SignUpInput): Promise<Result<ViewerFragment>>;
  /** Signs out here at once (even offline) and tells the server. */
  signOut(): Promise<void>;
}

type State = { status: 'restoring' | 'signed-out'; viewer: null } | { status: 'signed-in'; viewer: Viewer };

const SIGNED_OUT: State = { status: 'signed-out', viewer: null };

/**
 * The session of `client`: restored from its token store at mount (asking the server who that
 * is), then changed by sign-in, sign-up, sign-out and by the server ending it (refresh refused).
 */
export function useSessionState(client: SxClient): Session {
  const [state, setState] = useState<State>({ status: 'restoring', viewer: null });

  useEffect(() => {
    let cancelled = false;
    void (async () => {
      if (!(await client.isSignedIn())) {
        if (!cancelled) setState(SIGNED_OUT);
        return;
      }
      const me = await client.request(MeDocument);
      if (cancelled) return;
      // A session the server no longer knows leaves us signed out (the SDK cleared the store).
      const viewer = me.ok && me.data.me ? getFragmentData(ViewerFragmentDoc, me.data.me) : null;
      setState(viewer ? { status: 'signed-in', viewer } : SIGNED_OUT);
    })();
    const stopListening = client.onSessionEnd(() => setState(SIGNED_OUT));
    return () => {
      cancelled = true;
      stopListening();
    };
  }, [client]);

  const keep = useCallback((result: Result<ViewerFragment>) => {
    if (result.ok) setState({ status: 'signed-in', viewer: result.data });
    return result;
  }, []);

  return useMemo<Session>(
    () => ({
      ...state,
      signIn: async (credentials) => keep(await client.signIn(credentials)),
      signUp: async (input) => keep(await client.signUp(input)),
      signOut: async () => {
        setState(SIGNED_OUT);
        await client.signOut();
      },
    }),
    [state, client, keep],
  );
}
