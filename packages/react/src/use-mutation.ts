import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { retryWhileRetryable, type Result, type SxError } from '@sx/sdk';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useSx } from './context.js';
import { sendRequest, type VariablesArg } from './request.js';

export interface MutationOptions {
  /**
   * Send again while the server calls the refusal retryable (e.g. a bid on a task posted a
   * moment ago, before bidding has heard of it); see the SDK's retryWhileRetryable.
   */
  retryWhileRetryable?: boolean;
}

export interface MutationState<TData> {
  /** The answer of the last call that succeeded, until reset(). */
  data: TData | null;
  /** Why the last call failed; null once one succeeds. */
  error: SxError | null;
  /** A call is under way. */
  loading: boolean;
  /** Forgets data and error (e.g. when the form is edited again). */
  reset(): void;
}

export type Mutate<TData, TVariables> = (...variables: VariablesArg<TVariables>) => Promise<Result<TData>>;

/**
 * A function that sends `document` through the provider's client, and the state of its calls.
 * The function also returns the result, so a form can act on it (navigate, clear a field).
 */
export function useMutation<TData, TVariables extends Record<string, unknown>>(
  document: TypedDocumentNode<TData, TVariables>,
  options: MutationOptions = {},
): [Mutate<TData, TVariables>, MutationState<TData>] {
  const sx = useSx();
  const [state, setState] = useState<Omit<MutationState<TData>, 'reset'>>({ data: null, error: null, loading: false });
  const pending = useRef(0);
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);
  const retry = options.retryWhileRetryable === true;

  const mutate = useCallback<Mutate<TData, TVariables>>(
    async (...[variables]) => {
      pending.current += 1;
      setState((current) => ({ ...current, loading: true }));
      const send = () => sendRequest(sx, document, variables, {});
      const result = await (retry ? retryWhileRetryable(send) : send());
      pending.current -= 1;
      if (mounted.current) {
        const loading = pending.current > 0;
        setState((current) => (result.ok ? { data: result.data, error: null, loading } : { ...current, error: result.error, loading }));
      }
      return result;
    },
    [sx, document, retry],
  );

  const reset = useCallback(() => setState((current) => ({ ...current, data: null, error: null })), []);
  return [mutate, { ...state, reset }];
}
