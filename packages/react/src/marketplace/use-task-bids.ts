import { BidDetailFragmentDoc, BidEventsDocument, getFragmentData, MyBidsDocument, TaskBidsDocument, type BidDetailFragment, type FragmentType, type SxError } from '@sx/sdk';
import { useCallback, useMemo, useState } from 'react';
import { useQuery } from '../use-query.js';
import { useSubscription } from '../use-subscription.js';

/** More bids than one page of a task is unusual; the apps show the first page only. */
export const BIDS_PAGE_SIZE = 50;

export type Bid = Omit<BidDetailFragment, ' $fragmentName'>;
type MaskedBid = FragmentType<typeof BidDetailFragmentDoc>;
type Bids = Record<string, Bid>;

export interface TaskBids {
  /** Oldest first. */
  bids: Bid[];
  /** Shows bids an answer brought (placeBid, acceptBid) before their events arrive. */
  put(masked: readonly MaskedBid[]): void;
  loading: boolean;
  refreshing: boolean;
  error: SxError | null;
  refresh(): Promise<unknown>;
}

/**
 * The bids on a task the viewer may see — every bid for its poster, their own for a tasker —
 * fetched and kept current by `bidEvents` (placed, updated, accepted, rejected …). Whichever of
 * a fetched and a live copy of a bid is newer (by updatedAt) is shown.
 */
export function useTaskBids(taskId: string, viewerIsPoster: boolean): TaskBids {
  const [live, setLive] = useState<Bids>({});
  const put = useCallback((masked: readonly MaskedBid[]) => {
    setLive((current) => masked.map((m) => getFragmentData(BidDetailFragmentDoc, m)).reduce(keepNewer, current));
  }, []);
  // Subscribed first and fetched alongside, so a bid placed meanwhile is not missed.
  const events = useSubscription(BidEventsDocument, { taskId }, { onEvent: ({ bidEvents }) => put([bidEvents.bid]) });
  const all = useQuery(TaskBidsDocument, { taskId, first: BIDS_PAGE_SIZE }, { skip: !viewerIsPoster });
  const mine = useQuery(MyBidsDocument, { first: BIDS_PAGE_SIZE }, { skip: viewerIsPoster });

  const bids = useMemo(() => {
    const fetched = viewerIsPoster
      ? (all.data?.task?.bids.edges ?? []).map((edge) => edge.node)
      : (mine.data?.me?.bids.edges ?? []).filter((edge) => edge.node.task.id === taskId).map((edge) => edge.node);
    const merged = Object.values(live).reduce(keepNewer, fetched.map((m) => getFragmentData(BidDetailFragmentDoc, m)).reduce(keepNewer, {}));
    return Object.values(merged).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }, [viewerIsPoster, all.data, mine.data, live, taskId]);

  const query = viewerIsPoster ? all : mine;
  return { bids, put, loading: query.loading, refreshing: query.refreshing, error: query.error ?? events.error, refresh: query.refresh };
}

function keepNewer(bids: Bids, bid: Bid): Bids {
  const known = bids[bid.id];
  return known && known.updatedAt > bid.updatedAt ? bids : { ...bids, [bid.id]: bid };
}
