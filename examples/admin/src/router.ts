import { useEffect, useState } from 'react';

// Routes live in the hash (#/payouts), so the built app works from any static server and the
// query string (?api=…) stays as it was.

export const PAGES = ['dashboard', 'disputes', 'users', 'payouts'] as const;
export type Page = (typeof PAGES)[number];

export const PAGE_TITLES: Record<Page, string> = { dashboard: 'Dashboard', disputes: 'Disputes', users: 'Users', payouts: 'Payout runs' };

export function parsePage(hash: string): Page {
  const name = hash.replace(/^#\/?/, '');
  return PAGES.find((p) => p === name) ?? 'dashboard';
}

export const hrefOf = (page: Page): string => `#/${page}`;

export function usePage(): Page {
  const [page, setPage] = useState(() => parsePage(window.location.hash));
  useEffect(() => {
    const update = () => setPage(parsePage(window.location.hash));
    window.addEventListener('hashchange', update);
    return () => window.removeEventListener('hashchange', update);
  }, []);
  return page;
}
