import { stringTokenStore, type TokenStore } from '@sx/sdk';
import * as SecureStore from 'expo-secure-store';

/**
 * Keeps the session in the Keychain (iOS) or the Keystore-encrypted preferences (Android) through
 * expo-secure-store. One entry per API URL, so a build pointed elsewhere never sends these tokens
 * there (SecureStore keys allow letters, digits, `.`, `-` and `_` only).
 */
export function tokenStoreFor(apiUrl: string): TokenStore {
  const key = `sx.session.${apiUrl.replace(/[^A-Za-z0-9.\-_]/g, '_')}`;
  return stringTokenStore({ getItem: SecureStore.getItemAsync, setItem: SecureStore.setItemAsync, removeItem: SecureStore.deleteItemAsync }, key);
}
