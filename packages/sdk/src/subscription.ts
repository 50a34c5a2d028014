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
  const subscription = new ResumableSubscription(deps, document, variables, handlers);
  subscription.open();
  return {
    /** The app is done with it: no more callbacks. */
    stop: () => subscription.finish(() => undefined),
    /** The client ends it (close, sign-in, sign-out): `complete` is called. */
    end: () => subscription.finish(() => handlers.complete?.()),
  };
}

/** One subscription's state across reconnections: owns its graphql-ws subscription and retry timer. */
class ResumableSubscription<TData, TVariables extends ResumableVariables> {
  private readonly query: string;
  private readonly operationName: string | undefined;
  private readonly rootField: string | undefined;
  private after: string | null;
  private stopped = false;
  private attempts = 0;
  private refreshedForAuth = false;
  private unsubscribe: (() => void) | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly deps: SubscriptionDeps,
    document: TypedDocumentNode<TData, TVariables>,
    private readonly variables: TVariables,
    private readonly handlers: SubscriptionHandlers<TData>,
  ) {
    ({ query: this.query, operationName: this.operationName, rootField: this.rootField } = operationText(document));
    this.after = variables.after ?? null;
  }

  open(): void {
    if (this.stopped) return;
    // graphql-ws resends this same object if it reconnects by itself (a 1000 close with
    // subscriptions active), so `after` is kept current on it too.
    const payload = { query: this.query, operationName: this.operationName, variables: { ...this.variables, after: this.after } as Record<string, unknown> };
    this.unsubscribe = this.deps.connection.ws.subscribe<TData>(payload, {
      next: (result) => {
        this.attempts = 0;
        this.refreshedForAuth = false;
        const cursor = cursorOf(result, this.rootField);
        if (cursor) this.after = payload.variables.after = cursor;
        this.deliver(result);
      },
      error: (err) => {
        this.unsubscribe = null;
        void this.recover(err);
      },
      complete: () => {
        this.unsubscribe = null;
        if (!this.stopped) this.finish(() => this.handlers.complete?.());
      },
    });
  }

  private deliver(result: FormattedExecutionResult<TData, unknown>): void {
    if (result.errors?.length) {
      this.handlers.error(fromGraphQLError(result.errors[0]!), { ended: false });
      return;
    }
    if (result.data) this.handlers.next(result.data);
  }

  private async recover(err: unknown): Promise<void> {
    if (this.stopped) return;
    if (isGraphQLErrorList(err)) {
      const refusal = err[0] ? fromGraphQLError(err[0]) : new SxError('BAD_RESPONSE', 'The server refused the subscription.');
      // A gateway that is still starting says so (UNAVAILABLE): worth another try, unlike a bad query.
      if (refusal.code === 'UNAVAILABLE' || refusal.retryable) return this.scheduleReconnect(refusal);
      return this.fail(refusal);
    }
    const close = closeOf(err);
    if (close && FATAL_CLOSES[close.code]) {
      return this.fail(new SxError(FATAL_CLOSES[close.code]!, closeMessage(close), { extensions: { closeCode: close.code } }));
    }
    if (close?.code === UNAUTHORIZED_CLOSE) return this.reauthenticate(close);
    this.scheduleReconnect(err);
  }

  /** The socket's token was refused (expired, most often): refresh once, then reconnect. */
  private async reauthenticate(close: { code: number; reason: string }): Promise<void> {
    const token = this.deps.connection.lastToken;
    // A token refused after a long good connection has simply expired: refreshing is right again.
    if (this.wasStable()) this.refreshedForAuth = false;
    if (!token || this.refreshedForAuth) {
      return this.fail(new SxError('UNAUTHENTICATED', closeMessage(close), { extensions: { closeCode: close.code } }));
    }
    this.refreshedForAuth = true;
    const refreshed = await this.deps.refreshAfterRejection(token);
    if (this.stopped) return;
    if (!refreshed.ok) return this.fail(refreshed.error);
    this.open();
  }

  private scheduleReconnect(cause: unknown): void {
    if (this.wasStable()) this.attempts = 0;
    this.attempts += 1;
    const { maxAttempts } = this.deps.reconnect;
    if (this.attempts > maxAttempts) {
      const message = `The live connection failed ${maxAttempts} times in a row; subscribe again later.`;
      return this.fail(new SxError('NETWORK_ERROR', message, { cause }));
    }
    this.retryTimer = setTimeout(() => this.open(), backoffMs(this.attempts, this.deps.reconnect));
  }

  private wasStable(): boolean {
    return this.deps.connection.lastUptimeMs >= this.deps.reconnect.stableAfterMs;
  }

  private fail(error: SxError): void {
    this.finish(() => this.handlers.error(error, { ended: true }));
  }

  finish(notify: () => void): void {
    if (this.stopped) return;
    this.stopped = true;
    clearTimeout(this.retryTimer);
    this.unsubscribe?.();
    this.unsubscribe = null;
    notify();
  }
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
