import { SxError } from './errors.js';
import type { Result } from './result.js';
import type { Tokens, TokenStore } from './tokens.js';

export type RefreshOutcome = { ok: true; tokens: Tokens } | { ok: false; error: SxError };

export interface RefresherDeps {
  store: TokenStore;
  /** Sends refreshSession with the refresh token; the new pair, or why not. */
  exchange: (refreshToken: string) => Promise<Result<Tokens>>;
  /** Changes at every sign-in and sign-out: a refresh that straddles one must not store its tokens. */
  epoch: () => number;
  /** The server refused the refresh token (expired, revoked, reused): the session is over. */
  onSessionEnd: (error: SxError) => void;
}

/**
 * Returns `refreshAfterRejection(accessToken)`: called by everything the API refused for that
 * access token, it refreshes the session once however many callers fail at the same moment, and
 * hands each the new tokens. Single flight matters: refresh tokens rotate, and presenting a used
 * one a second time ends the whole session (reuse detection).
 */
export function createRefresher(deps: RefresherDeps): (rejectedAccessToken: string) => Promise<RefreshOutcome> {
  let inFlight: Promise<RefreshOutcome> | null = null;

  async function refresh(current: Tokens): Promise<RefreshOutcome> {
    const startedIn = deps.epoch();
    const result = await deps.exchange(current.refreshToken);
    if (deps.epoch() !== startedIn) return afterSessionChange();
    if (result.ok) {
      await deps.store.set(result.data);
      return { ok: true, tokens: result.data };
    }
    if (result.error.code === 'UNAUTHENTICATED') {
      await deps.store.set(null);
      deps.onSessionEnd(result.error);
    }
    return { ok: false, error: result.error };
  }

  /** Someone signed in or out during the refresh: whatever is stored now is the session. */
  async function afterSessionChange(): Promise<RefreshOutcome> {
    const now = await deps.store.get();
    return now ? { ok: true, tokens: now } : { ok: false, error: signedOut() };
  }

  return async function refreshAfterRejection(rejectedAccessToken) {
    if (inFlight) return inFlight;
    const current = await deps.store.get();
    if (!current) return { ok: false, error: signedOut() };
    // Another caller refreshed after this one's request left: its tokens are the answer.
    if (current.accessToken !== rejectedAccessToken) return { ok: true, tokens: current };
    // Re-checked after the await above: a concurrent caller may have started the refresh.
    if (inFlight) return inFlight;
    inFlight = refresh(current).finally(() => {
      inFlight = null;
    });
    return inFlight;
  };
}

function signedOut(): SxError {
  return new SxError('UNAUTHENTICATED', 'You are signed out: sign in again.');
}
