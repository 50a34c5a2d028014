import type { Logger } from '@sx/runtime';
import type { KnownUsers } from './known-users.js';
import type { AccountIdPage } from './users-client.js';

/** Ids asked for per page (users answers at most 5,000). */
const PAGE_SIZE = 5_000;
/** Tries of one page before the read gives up (users not up yet, a timeout). */
const MAX_ATTEMPTS = 8;
const FIRST_RETRY_MS = 500;
const MAX_RETRY_MS = 30_000;

export interface PreloadOptions {
  knownUsers: KnownUsers;
  accountIds: AccountIdPage;
  /** Accounts read at most (KNOWN_USERS_PRELOAD_MAX; the map's own bound stops it too). */
  maxUsers: number;
  log: Logger;
  /** Aborted when the gateway stops: the read ends at its next step. */
  signal: AbortSignal;
  /** Between tries (tests pass a quicker one). */
  retryDelayMs?: (attempt: number) => number;
}

const backoff = (attempt: number) => Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** (attempt - 1));

function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

/**
 * Reads which accounts exist from users, page by page, and tells KnownUsers, so a user whose
 * account existed before this process started costs no users question on their first request
 * (issue 12: every bidder the process had not seen did). Off the request path: the gateway
 * serves meanwhile, and a user not read yet is asked about as before. A page that fails is
 * tried again with backoff; after MAX_ATTEMPTS the read stops where it is (requests still ask).
 * Resolves with the number of users it added.
 */
export async function preloadKnownUsers(opts: PreloadOptions): Promise<number> {
  const delay = opts.retryDelayMs ?? backoff;
  const started = Date.now();
  let after: string | null = null;
  let read = 0;
  let added = 0;
  while (read < opts.maxUsers && !opts.knownUsers.full && !opts.signal.aborted) {
    const limit = Math.min(PAGE_SIZE, opts.maxUsers - read);
    let page: string[] | undefined;
    for (let attempt = 1; page === undefined; attempt += 1) {
      try {
        page = await opts.accountIds(after, limit);
      } catch (err) {
        if (attempt >= MAX_ATTEMPTS || opts.signal.aborted) {
          opts.log.warn({ err, read, added }, 'gave up reading known users from users: their first requests ask instead');
          return added;
        }
        await pause(delay(attempt), opts.signal);
      }
    }
    if (opts.signal.aborted) break;
    added += opts.knownUsers.preload(page);
    read += page.length;
    after = page.at(-1) ?? null;
    if (page.length < limit) break;
  }
  opts.log.info({ read, added, ms: Date.now() - started }, 'read known users from users');
  return added;
}
