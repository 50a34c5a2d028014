import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import type { Result, SxError } from '@sx/sdk';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useSession, useSx } from './context.js';
import { sendRequest, variablesKey } from './request.js';

export interface QueryOptions {
  /** Do not fetch (yet): e.g. until the user has typed a place. */
  skip?: boolean;
}

/** Variables are optional when the operation has none that are required (as in the SDK). */
export type QueryArgs<TVariables> = {} extends TVariables
  ? [variables?: TVariables, options?: QueryOptions]
  : [variables: TVariables, options?: QueryOptions];

export interface QueryState<TData> {
  /** The last answer for these variables; kept while refreshing and when a refresh fails. */
  data: TData | null;
  /** Why the last fetch failed; null once one succeeds. */
  error: SxError | null;
  /** The first fetch for these variables is under way (there is no data to show yet). */
  loading: boolean;
  /** A refresh() is under way while the current data stays on screen. */
  refreshing: boolean;
  /** Fetches again, keeping the data until the answer; null when the query is skipped. */
  refresh(): Promise<Result<TData> | null>;
  /** Changes the data here (a live event, a mutation's answer) until the next fetch replaces it. */
  update(change: (current: TData | null) => TData | null): void;
}

interface Fetched<TData> {
  data: TData | null;
  error: SxError | null;
  loading: boolean;
  refreshing: boolean;
  /** The variables and viewer this state was fetched for. */
  for: string;
}

const LOADING = { data: null, error: null, loading: true, refreshing: false } as const;
const SKIPPED = { data: null, error: null, loading: false, refreshing: false } as const;

/**
 * Fetches `document` with `variables` through the provider's client, again whenever the
 * variables' values or the signed-in user change; an answer that a newer fetch overtook, or that
 * comes after unmount, is dropped.
 */
export function useQuery<TData, TVariables extends Record<string, unknown>>(
  document: TypedDocumentNode<TData, TVariables>,
  ...[variables, options]: QueryArgs<TVariables>
): QueryState<TData> {
  const sx = useSx();
  const viewerId = useSession().viewer?.id ?? null;
  const key = variablesKey(variables);
  const skip = options?.skip === true;
  /** Answers belong to these variables and this viewer: another's are never shown as ours. */
  const identity = JSON.stringify([key, viewerId]);
  const [state, setState] = useState<Fetched<TData>>({ ...LOADING, for: '' });
  /** Numbers fetches: only the newest may write its answer. */
  const sequence = useRef(0);

  const fetchNow = useCallback(
    async (signal?: AbortSignal): Promise<Result<TData>> => {
      const id = ++sequence.current;
      const result = await sendRequest(sx, document, JSON.parse(key) as TVariables, signal ? { signal } : {});
      if (id === sequence.current) {
        setState((current) => {
          const kept = current.for === identity ? current.data : null;
          return result.ok
            ? { data: result.data, error: null, loading: false, refreshing: false, for: identity }
            : { data: kept, error: result.error, loading: false, refreshing: false, for: identity };
        });
      }
      return result;
    },
    [sx, document, key, identity],
  );

  useEffect(() => {
    if (skip) return undefined;
    const abort = new AbortController();
    void fetchNow(abort.signal);
    return () => {
      sequence.current += 1; // whatever is under way now answers nobody
      abort.abort();
    };
  }, [fetchNow, skip]);

  const refresh = useCallback(async () => {
    if (skip) return null;
    setState((current) => ({ ...current, refreshing: current.for === identity }));
    return fetchNow();
  }, [fetchNow, skip, identity]);

  const update = useCallback((change: (current: TData | null) => TData | null) => {
    setState((current) => ({ ...current, data: change(current.data) }));
  }, []);

  // Until the first answer for these variables and viewer, there is nothing of theirs to show.
  const shown = skip ? SKIPPED : state.for === identity ? state : LOADING;
  return { data: shown.data, error: shown.error, loading: shown.loading, refreshing: shown.refreshing, refresh, update };
}
