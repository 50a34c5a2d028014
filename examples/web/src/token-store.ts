import { stringTokenStore, type TokenStore } from '@sx/sdk';

/**
 * Keeps the session in localStorage so it survives a reload. One key per API URL: a link with
 * another `?api=` must never be handed the tokens of this one. Anything running on the page can
 * read localStorage, so the page loads no third-party script.
 */
export function localStorageTokenStore(apiUrl: string): TokenStore {
  return stringTokenStore(localStorage, `sx.session:${apiUrl}`);
}
