import { PaymentEventsDocument, type PaymentEventsSubscription, type SxError } from '@sx/sdk';
import { createContext, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useSubscription } from '../use-subscription.js';

export type PaymentEvent = PaymentEventsSubscription['paymentEvents'];
type Listener = (event: PaymentEvent) => void;

interface PaymentFeed {
  listen(listener: Listener): () => void;
  /** Why live payment events stopped, if they did. */
  error: SxError | null;
}

const PaymentFeedContext = createContext<PaymentFeed | null>(null);

/**
 * One `paymentEvents` subscription for the signed-in user, shared by everything that shows money
 * (the wallet, a task's payment): the server sends each of the user's money events once.
 * Render it inside <SxProvider>, keyed by the user, once signed in.
 */
export function PaymentFeedProvider({ children }: { children: ReactNode }) {
  const [listeners] = useState(() => new Set<Listener>());
  const { error } = useSubscription(PaymentEventsDocument, {}, {
    onEvent: ({ paymentEvents }) => {
      for (const listener of listeners) listener(paymentEvents);
    },
  });
  const feed = useMemo<PaymentFeed>(() => ({ listen: (listener) => addListener(listeners, listener), error }), [listeners, error]);
  return <PaymentFeedContext.Provider value={feed}>{children}</PaymentFeedContext.Provider>;
}

function addListener(listeners: Set<Listener>, listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Calls `onEvent` with each of the signed-in user's payment events while mounted; returns why they stopped, if they did. */
export function usePaymentEvents(onEvent: Listener): SxError | null {
  const feed = useContext(PaymentFeedContext);
  if (!feed) throw new Error('usePaymentEvents outside <PaymentFeedProvider>');
  const handler = useRef(onEvent);
  handler.current = onEvent;
  useEffect(() => feed.listen((event) => handler.current(event)), [feed]);
  return feed.error;
}
