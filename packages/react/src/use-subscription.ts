import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import type { ResumableVariables, SxError } from '@sx/sdk';
import { useEffect, useRef, useState } from 'react';
import { useSession, useSx } from './context.js';
import { variablesKey } from './request.js';

const RUNNING = { data: null, error: null, ended: false } as const;

export interface SubscriptionOptions<TData> {
  /** Called with each event, in order (the latest function given, without resubscribing). */
  onEvent?: (data: TData) => void;
}

export interface SubscriptionState<TData> {
  /** The latest event; null before the first. */
  data: TData | null;
  /**
   * The latest problem: why the subscription was refused or ended (it could not reconnect), or
   * why one event could not be delivered; null again with the next event.
   */
  error: SxError | null;
  /** The stream is over (refused, failed, or completed by the server): no more events will come. */
  ended: boolean;
}

/**
 * Follows `document` while the component is mounted and `variables` is not null; again with the
 * new identity when the signed-in user changes (the SDK ends every subscription on sign-in and
 * sign-out). The SDK resumes after a dropped connection from the last event's cursor, so nothing
 * is missed in between.
 */
export function useSubscription<TData, TVariables extends ResumableVariables>(
  document: TypedDocumentNode<TData, TVariables>,
  variables: TVariables | null,
  options: SubscriptionOptions<TData> = {},
): SubscriptionState<TData> {
  const sx = useSx();
  const viewerId = useSession().viewer?.id ?? null;
  const [state, setState] = useState<SubscriptionState<TData>>(RUNNING);
  const onEvent = useRef(options.onEvent);
  onEvent.current = options.onEvent;
  const key = variables === null ? null : variablesKey(variables);

  useEffect(() => {
    if (key === null) return undefined;
    setState(RUNNING);
    return sx.subscribe(document, JSON.parse(key) as TVariables, {
      next: (data) => {
        setState({ data, error: null, ended: false });
        onEvent.current?.(data);
      },
      // The gateway refuses a subscription (a bad cursor, a selection it cannot serve) with an
      // error and then completes it: both the error and the end are the component's to show.
      error: (error, { ended }) => setState((current) => ({ ...current, error, ended: current.ended || ended })),
      complete: () => setState((current) => ({ ...current, ended: true })),
    });
  }, [sx, document, key, viewerId]);

  return state;
}
