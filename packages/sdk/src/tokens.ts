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

/** A string key-value storage: localStorage, or an adapter over expo-secure-store, AsyncStorage … */
export interface StringStorage {
  getItem(key: string): string | null | Promise<string | null>;
  setItem(key: string, value: string): void | Promise<void>;
  removeItem(key: string): void | Promise<void>;
}

/**
 * Keeps the session as JSON under `key` of `storage`, so it survives a reload or an app restart.
 * A stored value that is not a pair of token strings (edited by hand, an old format) counts as
 * signed out rather than failing every request.
 */
export function stringTokenStore(storage: StringStorage, key: string): TokenStore {
  return {
    get: async () => parseTokens(await storage.getItem(key)),
    set: (tokens) => (tokens ? storage.setItem(key, JSON.stringify(tokens)) : storage.removeItem(key)),
  };
}

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
