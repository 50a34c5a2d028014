import { getFragmentData, MyWalletsDocument, WalletSummaryFragmentDoc, type FragmentType, type SxError, type WalletSummaryFragment } from '@sx/sdk';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useQuery } from '../use-query.js';
import { usePaymentEvents } from './payment-feed.js';

export type WalletSummary = Omit<WalletSummaryFragment, ' $fragmentName'>;
type MaskedWallet = FragmentType<typeof WalletSummaryFragmentDoc>;
type Wallets = Record<string, WalletSummary>;

export interface WalletsState {
  /** One per currency the user has held money in, by currency code. */
  wallets: WalletSummary[];
  /** Shows a wallet an answer brought (deposit, withdraw) before its event arrives. */
  put(masked: MaskedWallet | null | undefined): void;
  loading: boolean;
  refreshing: boolean;
  error: SxError | null;
  refresh(): Promise<unknown>;
}

/** The signed-in user's balances, fetched and kept current by their payment events. */
export function useWallets(): WalletsState {
  const [wallets, setWallets] = useState<Wallets>({});
  const put = useCallback((masked: MaskedWallet | null | undefined) => setWallets((current) => withWallet(current, masked)), []);
  const query = useQuery(MyWalletsDocument);
  // A (re)fetched answer is newer than what was shown when it was asked for; events after it win.
  useEffect(() => {
    if (query.data) setWallets((current) => (query.data?.me?.wallets ?? []).reduce(withWallet, current));
  }, [query.data]);
  const liveError = usePaymentEvents((event) => put(event.wallet));

  const sorted = useMemo(() => Object.values(wallets).sort((a, b) => a.balance.currency.localeCompare(b.balance.currency)), [wallets]);
  return { wallets: sorted, put, loading: query.loading, refreshing: query.refreshing, error: query.error ?? liveError, refresh: query.refresh };
}

function withWallet(wallets: Wallets, masked: MaskedWallet | null | undefined): Wallets {
  if (!masked) return wallets;
  const wallet = getFragmentData(WalletSummaryFragmentDoc, masked);
  return { ...wallets, [wallet.balance.currency]: wallet };
}
