import { createClient, type SxClient } from '@sx/sdk';
import { API_URL } from './config';
import { localStorageTokenStore } from './token-store';

/** Listeners for "the server ended the session" (refresh token expired or revoked). */
const sessionEndListeners = new Set<() => void>();

/** The app's one SDK client: every request and subscription goes through it. */
export const sx: SxClient = createClient({
  url: API_URL,
  tokenStore: localStorageTokenStore(API_URL),
  onSessionEnd: () => {
    for (const listener of sessionEndListeners) listener();
  },
});

export function onSessionEnd(listener: () => void): () => void {
  sessionEndListeners.add(listener);
  return () => sessionEndListeners.delete(listener);
}
