import { stringTokenStore, type TokenStore } from '@sx/sdk';

/**
 * On the web there is no secure store: the session is kept in localStorage (as examples/web
 * does), one key per API URL. Anything running on the page can read it, so the page loads no
 * third-party script.
 */
export function tokenStoreFor(apiUrl: string): TokenStore {
  return stringTokenStore(localStorage, `sx.session:${apiUrl}`);
}
