import { AcceptBidDocument, parseAmountCents, PlaceBidDocument, type BidDetailFragmentDoc, type FragmentType } from '@sx/sdk';
import { useState } from 'react';
import { useMutation } from '../use-mutation.js';
import type { TaskView } from './task-view.js';
import type { Bid } from './use-task-bids.js';

type MaskedBid = FragmentType<typeof BidDetailFragmentDoc>;

/** What a task's bid list shows and does, whatever it is drawn with (the DOM, React Native). */
export interface BidListProps {
  /** The list's accessible name: "Bids" for the poster, "Your bids" for a tasker. */
  label: string;
  bids: Bid[];
  /** Accept buttons show for the poster of an OPEN task. */
  canAccept: boolean;
  /** The bid as acceptBid answers (ACCEPTING); bid events bring what follows. */
  onAccepting: (bid: MaskedBid) => void;
}

/** The poster's Accept buttons: which bid is being accepted, and why the last attempt failed. */
export function useAcceptBid(onAccepting: (bid: MaskedBid) => void) {
  const [accepting, setAccepting] = useState<string | null>(null);
  const [acceptBid, { error }] = useMutation(AcceptBidDocument);
  async function accept(bidId: string): Promise<void> {
    setAccepting(bidId);
    const res = await acceptBid({ id: bidId });
    setAccepting(null);
    // The answer says ACCEPTING; the bid events bring ACCEPTED (or why not) as the saga runs.
    if (res.ok) onAccepting(res.data.acceptBid);
  }
  return { accept, accepting, error };
}

/**
 * A tasker's bid form: the price as typed (in the task's currency) and a message. `problem` is
 * what to tell the person: a price that is not one, or the API's refusal.
 */
export function usePlaceBid(task: Pick<TaskView, 'id' | 'budget'>, onPlaced: (bid: MaskedBid) => void) {
  const [invalid, setInvalid] = useState<string | null>(null);
  // A task posted seconds ago may not be known to bidding yet: the API says retryable.
  const [placeBid, { loading, error }] = useMutation(PlaceBidDocument, { retryWhileRetryable: true });
  async function submit(priceText: string, messageText: string): Promise<void> {
    const amountCents = parseAmountCents(priceText);
    setInvalid(amountCents === null ? 'Enter your price, like 45 or 44.50.' : null);
    if (amountCents === null) return;
    const message = messageText.trim();
    const res = await placeBid({ input: { taskId: task.id, amount: { amount: amountCents, currency: task.budget.currency }, ...(message ? { message } : {}) } });
    if (res.ok) onPlaced(res.data.placeBid);
  }
  return { submit, loading, problem: invalid ?? error?.message ?? null };
}
