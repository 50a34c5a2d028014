import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { useEffect, useRef, useState } from 'react';
import { sx } from './sx-client';

/**
 * Subscribes to `document` while the component is mounted (and `variables` is not null), handing
 * each event to `onEvent`. The SDK resumes after a dropped connection from the last event's
 * cursor, so nothing is missed. Returns the message of an error that ended the subscription.
 */
export function useLiveEvents<TData, TVariables extends { after?: string | null }>(
  document: TypedDocumentNode<TData, TVariables>,
  variables: TVariables | null,
  onEvent: (data: TData) => void,
): string | null {
  const [failure, setFailure] = useState<string | null>(null);
  // The latest handler, without resubscribing when the component re-renders.
  const handler = useRef(onEvent);
  handler.current = onEvent;
  const key = variables === null ? null : JSON.stringify(variables);

  useEffect(() => {
    if (key === null) return undefined;
    setFailure(null);
    return sx.subscribe(document, JSON.parse(key) as TVariables, {
      next: (data) => handler.current(data),
      error: (error, { ended }) => {
        if (ended) setFailure(`Live updates stopped: ${error.message}`);
      },
    });
  }, [document, key]);

  return failure;
}
