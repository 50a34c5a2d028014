import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import type { FormattedExecutionResult } from 'graphql';
import { fromGraphQLError, isGraphQLErrorList, SxError } from './errors.js';
import type { LiveConnection } from './live-connection.js';
import { operationText } from './operation.js';
import type { RefreshOutcome } from './refresh.js';

/** How a subscription gets back after its connection drops. */
export interface ReconnectPolicy {
  /** Failed reconnections in a row before the subscription gives up with NETWORK_ERROR. */
  maxAttempts: number;
  /** The first wait; each failure doubles it (with jitter) up to `maxDelayMs`. */
  minDelayMs: number;
  maxDelayMs: number;
  /** A connection that lived this long counts as good: the next drop starts the backoff afresh. */
  stableAfterMs: number;
}

export const DEFAULT_RECONNECT: ReconnectPolicy = { maxAttempts: 10, minDelayMs: 500, maxDelayMs: 30_000, stableAfterMs: 10_000 };

export interface SubscriptionHandlers<TData> {
  /** One event. */
  next: (data: TData) => void;
  /**
   * A problem. `ended: true` means the subscription is over (refused, or it could not reconnect);
   * `ended: false` means one event could not be delivered and the stream goes on.
   */
  error: (error: SxError, info: { ended: boolean }) => void;
  /** The server ended the stream, or the client was closed or signed out. */
  complete?: () => void;
}

/** Variables of a resumable subscription: `after` is the cursor the SDK fills in on reconnect. */
export type ResumableVariables = { after?: string | null | undefined };

export interface SubscriptionDeps {
  connection: LiveConnection;
  reconnect: ReconnectPolicy;
  refreshAfterRejection: (accessToken: string) => Promise<RefreshOutcome>;
}

/** Close codes after which retrying cannot help (graphql-ws and the gateway's contract). */
const FATAL_CLOSES: Record<number, string> = {
  4400: 'BAD_REQUEST',
  4403: 'FORBIDDEN',
  4406: 'BAD_REQUEST',
};
const UNAUTHORIZED_CLOSE = 4401;

/**
 * A live subscription that survives dropped connections: it remembers the `cursor` of the last
 * event and, after a drop, subscribes again with `after: cursor`, so the gateway replays what was
 * missed, in order, before going live. Returns `stop`.
 */
export function startSubscription<TData, TVariables extends ResumableVariables>(
  deps: SubscriptionDeps,
  document: TypedDocumentNode<TData, TVariables>,
  variables: TVariables,
  handlers: SubscriptionHandlers<TData>,
): { stop: () => void; end: () => void } {
  const { query, operationName, rootField } = operationText(document);
  let after = variables.after ?? null;
  let stopped = false;
  let attempts = 0;
  let refreshedForAuth = false;
  let unsubscribe: (() => void) | null = null;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;

  function open(): void {
    if (stopped) return;
    // graphql-ws resends this same object if it reconnects by itself (a 1000 close with
    // subscriptions active), so `after` is kept current on it too.
    const payload = { query, operationName, variables: { ...variables, after } as Record<string, unknown> };
    unsubscribe = deps.connection.ws.subscribe<TData>(payload, {
      next: (result) => {
        attempts = 0;
        refreshedForAuth = false;
        const cursor = cursorOf(result, rootField);
        if (cursor) after = payload.variables.after = cursor;
        deliver(result);
      },
      error: (err) => {
        unsubscribe = null;
        void recover(err);
      },
      complete: () => {
        unsubscribe = null;
        if (!stopped) finish(() => handlers.complete?.());
      },
    });
  }

  function deliver(result: FormattedExecutionResult<TData, unknown>): void {
    if (result.errors?.length) {
      handlers.error(fromGraphQLError(result.errors[0]!), { ended: false });
      return;
    }
    if (result.data) handlers.next(result.data);
  }

  async function recover(err: unknown): Promise<void> {
    if (stopped) return;
    if (isGraphQLErrorList(err)) {
      const refusal = err[0] ? fromGraphQLError(err[0]) : new SxError('BAD_RESPONSE', 'The server refused the subscription.');
      // A gateway that is still starting says so (UNAVAILABLE): worth another try, unlike a bad query.
      if (refusal.code === 'UNAVAILABLE' || refusal.retryable) return scheduleReconnect(refusal);
      return fail(refusal);
    }
    const close = closeOf(err);
    if (close && FATAL_CLOSES[close.code]) return fail(new SxError(FATAL_CLOSES[close.code]!, closeMessage(close), { extensions: { closeCode: close.code } }));
    if (close?.code === UNAUTHORIZED_CLOSE) return reauthenticate(close);
    scheduleReconnect(err);
  }

  /** The socket's token was refused (expired, most often): refresh once, then reconnect. */
  async function reauthenticate(close: { code: number; reason: string }): Promise<void> {
    const token = deps.connection.lastToken;
    // A token refused after a long good connection has simply expired: refreshing is right again.
    if (wasStable()) refreshedForAuth = false;
    if (!token || refreshedForAuth) {
      return fail(new SxError('UNAUTHENTICATED', closeMessage(close), { extensions: { closeCode: close.code } }));
    }
    refreshedForAuth = true;
    const refreshed = await deps.refreshAfterRejection(token);
    if (stopped) return;
    if (!refreshed.ok) return fail(refreshed.error);
    open();
  }

  function scheduleReconnect(cause: unknown): void {
    if (wasStable()) attempts = 0;
    attempts += 1;
    if (attempts > deps.reconnect.maxAttempts) {
      const message = `The live connection failed ${deps.reconnect.maxAttempts} times in a row; subscribe again later.`;
      return fail(new SxError('NETWORK_ERROR', message, { cause }));
    }
    retryTimer = setTimeout(open, backoffMs(attempts, deps.reconnect));
  }

  function wasStable(): boolean {
    return deps.connection.lastUptimeMs >= deps.reconnect.stableAfterMs;
  }

  function fail(error: SxError): void {
    finish(() => handlers.error(error, { ended: true }));
  }

  function finish(notify: () => void): void {
    if (stopped) return;
    stopped = true;
    clearTimeout(retryTimer);
    unsubscribe?.();
    unsubscribe = null;
    notify();
  }

  open();
  return {
    /** The app is done with it: no more callbacks. */
    stop: () => finish(() => undefined),
    /** The client ends it (close, sign-in, sign-out): `complete` is called. */
    end: () => finish(() => handlers.complete?.()),
  };
}

/** The `cursor` of the event at the subscription's root field, if the document selects it. */
function cursorOf(result: FormattedExecutionResult<unknown, unknown>, rootField: string | undefined): string | null {
  if (!rootField || !result.data || typeof result.data !== 'object') return null;
  const event = (result.data as Record<string, unknown>)[rootField];
  const cursor = event && typeof event === 'object' ? (event as { cursor?: unknown }).cursor : undefined;
  return typeof cursor === 'string' ? cursor : null;
}

function closeOf(err: unknown): { code: number; reason: string } | null {
  if (typeof err !== 'object' || err === null) return null;
  const { code, reason } = err as { code?: unknown; reason?: unknown };
  return typeof code === 'number' ? { code, reason: typeof reason === 'string' ? reason : '' } : null;
}

function closeMessage(close: { code: number; reason: string }): string {
  return `The live connection was closed (${close.code}${close.reason ? `: ${close.reason}` : ''}).`;
}

/** Exponential with "equal jitter": half fixed, half random, so clients do not reconnect in step. */
function backoffMs(attempt: number, policy: ReconnectPolicy): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.minDelayMs * 2 ** (attempt - 1));
  return ceiling / 2 + Math.random() * (ceiling / 2);
}
