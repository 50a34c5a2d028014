import Constants from 'expo-constants';
import { Platform } from 'react-native';

// Where the gateway is, read once at start, first match wins:
//   1. on the web only, `?api=<url>` in the page's address (a test stack, a gateway elsewhere);
//   2. the app config's `extra.apiUrl`, which app.config.ts takes from SX_API_URL;
//   3. http://localhost:4000/graphql, where `npm start` serves it (on a phone: the phone itself).

const DEFAULT_API_URL = 'http://localhost:4000/graphql';
const HTTP_URL = /^https?:\/\/[^\s/?#]+(?:[/?#]\S*)?$/;

function checked(raw: string, source: string): { url: string } | { problem: string } {
  return HTTP_URL.test(raw) ? { url: raw } : { problem: `${source} must be the http(s) URL of the gateway's /graphql; it is "${raw}".` };
}

function readApiUrl(): { url: string } | { problem: string } {
  const search = Platform.OS === 'web' ? (globalThis as { location?: { search?: string } }).location?.search : undefined;
  const fromQuery = search ? new URLSearchParams(search).get('api') : null;
  if (fromQuery) return checked(fromQuery, 'The ?api= parameter');
  const fromConfig: unknown = Constants.expoConfig?.extra?.apiUrl;
  if (typeof fromConfig === 'string' && fromConfig !== '') return checked(fromConfig, 'SX_API_URL (extra.apiUrl of the app config)');
  return { url: DEFAULT_API_URL };
}

const configured = readApiUrl();

/** The gateway's GraphQL URL over HTTP; the SDK derives the WebSocket URL from it. */
export const API_URL = 'url' in configured ? configured.url : DEFAULT_API_URL;

/** Set when the configured URL is unusable: the app shows it instead of talking to another API. */
export const CONFIG_PROBLEM = 'problem' in configured ? configured.problem : null;

/** Where "nearby" is when the device's location is not allowed: Berlin's centre. */
export const FALLBACK_PLACE = { lat: 52.52, lng: 13.405 };
export const NEARBY_RADIUS_KM = 10;
