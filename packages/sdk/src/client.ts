import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import type { SxError } from './errors.js';
import type { SignUpInput, ViewerFragment } from './generated/graphql.js';
import { DEFAULT_REQUEST_TIMEOUT_MS, sendOperation, type HttpOptions, type HttpOutcome } from './http.js';
import { LiveConnection } from './live-connection.js';
import { createLiveSubscriptions } from './live-subscriptions.js';
import { createRefresher, type RefreshOutcome } from './refresh.js';
import { failure, type Result } from './result.js';
import { requestRefresh, requestSignIn, requestSignOut, requestSignUp } from './session.js';
import { DEFAULT_RECONNECT, type ReconnectPolicy, type ResumableVariables, type SubscriptionHandlers } from './subscription.js';
import { memoryTokenStore, type TokenStore, type Tokens } from './tokens.js';
import { CreateUploadDocument } from './generated/graphql.js';
import { resolveApiUrl, uploadFile, type UploadedFile, type UploadOptions } from './upload.js';

export interface ClientOptions {
  /** The gateway's GraphQL endpoint over HTTP, e.g. http://localhost:4000/graphql. */
  url: string;
  /** The WebSocket endpoint; by default `url` with http(s) replaced by ws(s). */
  wsUrl?: string;
  /** Where the session is kept; memory by default. */
  tokenStore?: TokenStore;
  /** The fetch to use; the global one by default. */
  fetch?: typeof fetch;
  /** A WebSocket constructor where there is no global one (Node 20: `import WebSocket from 'ws'`). */
  webSocketImpl?: unknown;
  /** How long one HTTP request may take; 30 s by default. */
  requestTimeoutMs?: number;
  /** How subscriptions reconnect after a drop. */
  reconnect?: Partial<ReconnectPolicy>;
  /** The session ended on the server's side (refresh token expired or revoked): sign in again. */
  onSessionEnd?: (error: SxError) => void;
}

export interface RequestOptions {
  signal?: AbortSignal;
  headers?: Record<string, string>;
}

/** Variables are optional when the operation has no required ones. */
export type RequestArgs<TVariables> = {} extends TVariables
  ? [variables?: TVariables, options?: RequestOptions]
  : [variables: TVariables, options?: RequestOptions];

export interface SxClient {
  /** Sends a query or mutation with the session's access token, refreshing it once if refused. */
  request<TData, TVariables extends Record<string, unknown>>(
    document: TypedDocumentNode<TData, TVariables>,
    ...args: RequestArgs<TVariables>
  ): Promise<Result<TData>>;
  /** Starts a live subscription that resumes where it left off after a dropped connection. Returns `stop`. */
  subscribe<TData, TVariables extends ResumableVariables>(
    document: TypedDocumentNode<TData, TVariables>,
    variables: TVariables,
    handlers: SubscriptionHandlers<TData>,
  ): () => void;
  /** Creates an account and signs in as it. */
  signUp(input: SignUpInput): Promise<Result<ViewerFragment>>;
  /** Signs in and keeps the session in the token store. */
  signIn(credentials: { email: string; password: string }): Promise<Result<ViewerFragment>>;
  /**
   * Forgets the session here (always, even offline), closes the live connection and ends the
   * session on the server; the result says whether the server heard of it.
   */
  signOut(): Promise<Result<boolean>>;
  /** Whether the token store holds a session. */
  isSignedIn(): Promise<boolean>;
  /** Ends every subscription and closes the live connection; the client stays usable. */
  close(): void;
  /**
   * Calls `listener` when the server ends the session (refresh token expired, revoked or reused),
   * like the `onSessionEnd` option, for code that gets the client after it was made (a React
   * provider). Returns a function that removes the listener.
   */
  onSessionEnd(listener: (error: SxError) => void): () => void;
  /**
   * Uploads a file (a Blob/File in browsers, bytes elsewhere): asks for an upload ticket, then
   * PUTs the bytes to its URL. Give the result's `uploadId` to addTaskPhoto.
   */
  upload(file: Blob | Uint8Array, options: UploadOptions): Promise<Result<UploadedFile>>;
  /** A URL the API gave as a path (an Attachment's `url`), made absolute against the API's origin. */
  fileUrl(path: string): string;
}

/** The Service Exchange client. Works in browsers, React Native and Node (no Node-only imports). */
export function createClient(options: ClientOptions): SxClient {
  const store = options.tokenStore ?? memoryTokenStore();
  const http: HttpOptions = {
    url: options.url,
    // Bound to globalThis: browsers refuse a fetch called on another `this`.
    fetch: () => options.fetch ?? globalThis.fetch.bind(globalThis),
    timeoutMs: options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
  };
  let epoch = 0;
  const sessionEndListeners = new Set<(error: SxError) => void>();
  const refreshAfterRejection = createRefresher({
    store,
    exchange: (refreshToken) => requestRefresh(http, refreshToken),
    epoch: () => epoch,
    onSessionEnd: (error) => {
      live.endAll();
      options.onSessionEnd?.(error);
      for (const listener of [...sessionEndListeners]) listener(error);
    },
  });
  const live = createLiveSubscriptions({
    connection: new LiveConnection({
      url: options.wsUrl ?? options.url.replace(/^http/, 'ws'),
      store,
      ...(options.webSocketImpl ? { webSocketImpl: options.webSocketImpl } : {}),
    }),
    reconnect: { ...DEFAULT_RECONNECT, ...options.reconnect },
    refreshAfterRejection,
  });

  /** A new identity (or none): nothing of the old one may outlive it, nor a refresh under way. */
  async function replaceSession(tokens: Tokens | null): Promise<void> {
    epoch += 1;
    live.endAll();
    await store.set(tokens);
  }

  return {
    request: (document, ...args) => sendWithSession({ http, store, refreshAfterRejection }, document, ...args),
    subscribe: live.subscribe,
    ...sessionCommands(http, store, replaceSession),
    close: live.endAll,
    onSessionEnd(listener) {
      sessionEndListeners.add(listener);
      return () => sessionEndListeners.delete(listener);
    },
    upload: (file, uploadOptions) =>
      uploadFile(
        http,
        async (purpose, signal) => {
          const res = await sendWithSession({ http, store, refreshAfterRejection }, CreateUploadDocument, { input: { purpose } }, signal ? { signal } : {});
          return res.ok ? { ok: true, data: res.data.createUpload } : { ...res, partial: null };
        },
        file,
        uploadOptions,
      ),
    fileUrl: (path) => resolveApiUrl(options.url, path),
  };
}

/** Sends an operation with the session's access token, refreshing it once if the gateway refuses it. */
async function sendWithSession<TData, TVariables extends Record<string, unknown>>(
  deps: { http: HttpOptions; store: TokenStore; refreshAfterRejection: (accessToken: string) => Promise<RefreshOutcome> },
  document: TypedDocumentNode<TData, TVariables>,
  ...[variables, opts]: RequestArgs<TVariables>
): Promise<Result<TData>> {
  const tokens = await deps.store.get();
  const send = (accessToken: string | undefined) =>
    sendOperation(deps.http, document, variables, { accessToken, signal: opts?.signal, headers: opts?.headers });
  const first = await send(tokens?.accessToken);
  if (!tokens || !refusedToken(first)) return toResult(first);
  const refreshed = await deps.refreshAfterRejection(tokens.accessToken);
  if (!refreshed.ok) return failure([refreshed.error]);
  return toResult(await send(refreshed.tokens.accessToken));
}

/** Sign-up, sign-in and sign-out: each replaces the session it had. */
function sessionCommands(
  http: HttpOptions,
  store: TokenStore,
  replaceSession: (tokens: Tokens | null) => Promise<void>,
): Pick<SxClient, 'signUp' | 'signIn' | 'signOut' | 'isSignedIn'> {
  return {
    async signUp(input) {
      const res = await requestSignUp(http, input);
      if (!res.ok) return { ...res, partial: null };
      await replaceSession(res.data.tokens);
      return { ok: true, data: res.data.user };
    },
    async signIn(credentials) {
      const res = await requestSignIn(http, credentials);
      if (!res.ok) return { ...res, partial: null };
      await replaceSession(res.data.tokens);
      return { ok: true, data: res.data.user };
    },
    async signOut() {
      const tokens = await store.get();
      await replaceSession(null);
      if (!tokens) return { ok: true, data: true };
      return requestSignOut(http, tokens.refreshToken);
    },
    async isSignedIn() {
      return (await store.get()) !== null;
    },
  };
}

/**
 * The gateway refused the access token itself (expired, revoked key, garbage): HTTP 401 with
 * UNAUTHENTICATED, before anything ran, so sending the request again is safe.
 */
function refusedToken(outcome: HttpOutcome<unknown>): boolean {
  return outcome.status === 401 && outcome.errors.some((e) => e.code === 'UNAUTHENTICATED');
}

function toResult<TData>(outcome: HttpOutcome<TData>): Result<TData> {
  const [first, ...rest] = outcome.errors;
  if (first) return failure([first, ...rest], outcome.data);
  // sendOperation turns a response without data into a BAD_RESPONSE error, so data is here.
  return { ok: true, data: outcome.data as TData };
}
