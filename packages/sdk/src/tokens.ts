/** A signed-in session: the 15-minute access token and the single-use refresh token. */
export interface Tokens {
  accessToken: string;
  refreshToken: string;
}

/**
 * Where the SDK keeps the session. It reads the tokens before each request and writes them after
 * sign-in, each refresh and sign-out (null). Memory by default; an app plugs in localStorage,
 * SecureStore or Keychain (see the README), sync or async alike.
 */
export interface TokenStore {
  get(): Tokens | null | Promise<Tokens | null>;
  set(tokens: Tokens | null): void | Promise<void>;
}

/** Keeps the session in memory: gone on reload, never written anywhere. */
export function memoryTokenStore(initial: Tokens | null = null): TokenStore {
  let tokens = initial;
  return {
    get: () => tokens,
    set: (next) => {
      tokens = next;
    },
  };
}
