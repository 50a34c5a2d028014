import { createClient, type SxClient } from '@sx/sdk';
import { API_URL } from './config';
import { localStorageTokenStore } from './token-store';

/** The app's one SDK client: every request and subscription goes through it (via <SxProvider>). */
export const sx: SxClient = createClient({ url: API_URL, tokenStore: localStorageTokenStore(API_URL) });
