import type { TokenStore, Tokens } from '@sx/sdk';

/**
 * Keeps the session in localStorage so it survives a reload. One key per API URL: a link with
 * another `?api=` must never be handed the tokens of this one. Anything running on the page can
 * read localStorage, so the page loads no third-party script.
 */
export function localStorageTokenStore(apiUrl: string): TokenStore {
  const key = `sx.session:${apiUrl}`;
  return {
    get: () => parseTokens(localStorage.getItem(key)),
    set: (tokens) => (tokens ? localStorage.setItem(key, JSON.stringify(tokens)) : localStorage.removeItem(key)),
  };
}

/** A stored value that is not a pair of token strings (edited by hand, an old format) counts as signed out. */
function parseTokens(raw: string | null): Tokens | null {
  if (!raw) return null;
  try {
    const value: unknown = JSON.parse(raw);
    if (typeof value !== 'object' || value === null) return null;
    const { accessToken, refreshToken } = value as Record<string, unknown>;
    return typeof accessToken === 'string' && typeof refreshToken === 'string' ? { accessToken, refreshToken } : null;
  } catch {
    return null;
  }
}
