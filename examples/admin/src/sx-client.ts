import { createClient, type SxClient } from '@sx/sdk';
// The API URL rules (?api=, VITE_SX_API_URL, localhost:4000) and the per-URL session store are
// the example web app's: one copy, so both apps read their gateway the same way.
import { API_URL } from '../../web/src/config';
import { localStorageTokenStore } from '../../web/src/token-store';

/** The app's one SDK client: every request goes through it (via <SxProvider>). */
export const sx: SxClient = createClient({ url: API_URL, tokenStore: localStorageTokenStore(API_URL) });
