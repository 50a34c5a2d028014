import type { SxClient } from '@sx/sdk';
import type { ReactNode } from 'react';
import { ClientContext, SessionContext } from './context.js';
import { useSessionState } from './session-state.js';

/**
 * Holds the app's SDK client and its session for every hook below it. Make the client once,
 * outside React (it owns the live connection), with the token store the platform has.
 */
export function SxProvider({ client, children }: { client: SxClient; children: ReactNode }) {
  const session = useSessionState(client);
  return (
    <ClientContext.Provider value={client}>
      <SessionContext.Provider value={session}>{children}</SessionContext.Provider>
    </ClientContext.Provider>
  );
}
