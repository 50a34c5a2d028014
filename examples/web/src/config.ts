// Where the gateway is. Read once at load, in this order:
//   1. `?api=<url>` in the page's address (e.g. ?api=http://127.0.0.1:4100/graphql) — for a test
//      stack or a gateway elsewhere, without rebuilding;
//   2. VITE_SX_API_URL at build or dev-server time;
//   3. http://localhost:4000/graphql, where `npm start` serves it.

const DEFAULT_API_URL = 'http://localhost:4000/graphql';

/** The URL, or why the configured value is not one. */
function parseApiUrl(raw: string, source: string): { url: string } | { problem: string } {
  const url = URL.canParse(raw) ? new URL(raw) : null;
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    return { problem: `${source} must be the http(s) URL of the gateway's /graphql; it is "${raw}".` };
  }
  return { url: url.toString() };
}

function readApiUrl(): { url: string } | { problem: string } {
  const fromQuery = new URLSearchParams(window.location.search).get('api');
  if (fromQuery) return parseApiUrl(fromQuery, 'The ?api= parameter');
  const fromEnv: unknown = import.meta.env.VITE_SX_API_URL;
  if (typeof fromEnv === 'string' && fromEnv !== '') return parseApiUrl(fromEnv, 'VITE_SX_API_URL');
  return { url: DEFAULT_API_URL };
}

const configured = readApiUrl();

/** The gateway's GraphQL URL over HTTP; the SDK derives the WebSocket URL from it. */
export const API_URL = 'url' in configured ? configured.url : DEFAULT_API_URL;

/** Set when the configured URL is unusable: the app shows it instead of talking to another API. */
export const CONFIG_PROBLEM = 'problem' in configured ? configured.problem : null;

/** Where "nearby" is until the user types another place: Berlin's centre. */
export const DEFAULT_PLACE = { lat: 52.52, lng: 13.405, radiusKm: 10 };
