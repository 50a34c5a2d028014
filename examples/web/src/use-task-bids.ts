import { BidDetailFragmentDoc, BidEventsDocument, getFragmentData, MyBidsDocument, TaskBidsDocument, type BidDetailFragment, type FragmentType } from '@sx/sdk';
import { useCallback, useEffect, useState } from 'react';
import { sx } from './sx-client';
import { useLiveEvents } from './use-live';

/** More bids than one page of a task is unusual; an example app shows the first page only. */
const BIDS_PAGE_SIZE = 50;

type Bids = Record<string, BidDetailFragment>;

/**
 * The bids on a task the viewer may see — every bid for its poster, their own for a tasker —
 * fetched once and kept current by `bidEvents` (placed, updated, accepted, rejected …).
 */
export function useTaskBids(taskId: string, viewerIsPoster: boolean) {
  const [bids, setBids] = useState<Bids>({});
  const [error, setError] = useState<string | null>(null);

  const put = useCallback((masked: readonly FragmentType<typeof BidDetailFragmentDoc>[]) => {
    setBids((current) => masked.map((m) => getFragmentData(BidDetailFragmentDoc, m)).reduce(keepNewer, current));
  }, []);

  // Subscribed first and fetched alongside, so a bid placed meanwhile is not missed; whichever
  // answer is older (by the bid's updatedAt) never overwrites the newer one.
  const liveFailure = useLiveEvents(BidEventsDocument, { taskId }, ({ bidEvents }) => put([bidEvents.bid]));
  useEffect(() => {
    let cancelled = false;
    void fetchBids(taskId, viewerIsPoster).then((res) => {
      if (cancelled) return;
      if (typeof res === 'string') return setError(res);
      put(res);
    });
    return () => {
      cancelled = true;
    };
  }, [taskId, viewerIsPoster, put]);

  const sorted = Object.values(bids).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  return { bids: sorted, put, error: error ?? liveFailure };
}

function keepNewer(bids: Bids, bid: BidDetailFragment): Bids {
  const known = bids[bid.id];
  return known && known.updatedAt > bid.updatedAt ? bids : { ...bids, [bid.id]: bid };
}

/** The masked bids, or the error's message. */
async function fetchBids(taskId: string, viewerIsPoster: boolean): Promise<FragmentType<typeof BidDetailFragmentDoc>[] | string> {
  if (viewerIsPoster) {
    const res = await sx.request(TaskBidsDocument, { taskId, first: BIDS_PAGE_SIZE });
    if (!res.ok) return res.error.message;
    return (res.data.task?.bids.edges ?? []).map((edge) => edge.node);
  }
  const res = await sx.request(MyBidsDocument, { first: BIDS_PAGE_SIZE });
  if (!res.ok) return res.error.message;
  return (res.data.me?.bids.edges ?? []).filter((edge) => edge.node.task.id === taskId).map((edge) => edge.node);
}
