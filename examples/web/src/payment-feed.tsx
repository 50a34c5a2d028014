import { PaymentEventsDocument, type PaymentEventsSubscription } from '@sx/sdk';
import { createContext, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useLiveEvents } from './use-live';

export type PaymentEvent = PaymentEventsSubscription['paymentEvents'];
type Listener = (event: PaymentEvent) => void;

interface PaymentFeed {
  listen(listener: Listener): () => void;
  /** Why live payment events stopped, if they did. */
  failure: string | null;
}

const PaymentFeedContext = createContext<PaymentFeed | null>(null);

/**
 * One `paymentEvents` subscription for the signed-in user, shared by everything that shows money
 * (the wallet, a task's payment): the server sends each of the user's money events once.
 */
export function PaymentFeedProvider({ children }: { children: ReactNode }) {
  const [listeners] = useState(() => new Set<Listener>());
  const failure = useLiveEvents(PaymentEventsDocument, {}, ({ paymentEvents }) => {
    for (const listener of listeners) listener(paymentEvents);
  });
  const feed = useMemo<PaymentFeed>(() => ({ listen: (l) => subscribe(listeners, l), failure }), [listeners, failure]);
  return <PaymentFeedContext.Provider value={feed}>{children}</PaymentFeedContext.Provider>;
}

function subscribe(listeners: Set<Listener>, listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Calls `onEvent` with each of the signed-in user's payment events while mounted. */
export function usePaymentEvents(onEvent: Listener): string | null {
  const feed = useContext(PaymentFeedContext);
  if (!feed) throw new Error('usePaymentEvents outside <PaymentFeedProvider>');
  const handler = useRef(onEvent);
  handler.current = onEvent;
  useEffect(() => feed.listen((event) => handler.current(event)), [feed]);
  return feed.failure;
}
