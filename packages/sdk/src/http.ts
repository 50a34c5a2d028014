import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { fromGraphQLError, SxError, type GraphQLErrorLike } from './errors.js';
import { operationText } from './operation.js';

/** How long one HTTP request may take before it fails with TIMEOUT. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;

export interface HttpOptions {
  url: string;
  /** Resolved at each call, so a fetch polyfill installed after createClient still counts. */
  fetch: () => typeof fetch;
  timeoutMs: number;
}

export interface SendOptions {
  /** Sent as `Authorization: Bearer …`; absent for anonymous calls and the session mutations. */
  accessToken?: string | undefined;
  signal?: AbortSignal | undefined;
  headers?: Record<string, string> | undefined;
}

/** One HTTP round trip: the response's data and errors, or the SDK's error when there was none. */
export interface HttpOutcome<TData> {
  status: number | undefined;
  data: TData | null;
  errors: SxError[];
}

interface ResponseBody<TData> {
  data?: TData | null;
  errors?: GraphQLErrorLike[];
}

/** POSTs one operation as JSON and reads the answer, whatever its HTTP status. */
export async function sendOperation<TData, TVariables>(
  http: HttpOptions,
  document: TypedDocumentNode<TData, TVariables>,
  variables: TVariables | undefined,
  opts: SendOptions = {},
): Promise<HttpOutcome<TData>> {
  const { query, operationName } = operationText(document);
  const abort = linkedAbort(opts.signal, http.timeoutMs);
  try {
    const response = await http.fetch()(http.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/graphql-response+json, application/json',
        ...(opts.accessToken ? { authorization: `Bearer ${opts.accessToken}` } : {}),
        ...opts.headers,
      },
      body: JSON.stringify({ query, operationName, variables: variables ?? {} }),
      signal: abort.signal,
    });
    return await readBody<TData>(response);
  } catch (err) {
    return { status: undefined, data: null, errors: [abort.reason() ?? networkError(err)] };
  } finally {
    abort.dispose();
  }
}

async function readBody<TData>(response: Response): Promise<HttpOutcome<TData>> {
  const { status } = response;
  let body: ResponseBody<TData>;
  try {
    body = (await response.json()) as ResponseBody<TData>;
  } catch (err) {
    const message = `The server answered HTTP ${status} with something that is not a GraphQL response.`;
    return { status, data: null, errors: [new SxError('BAD_RESPONSE', message, { status, cause: err })] };
  }
  const errors = Array.isArray(body?.errors) ? body.errors.map((e) => fromGraphQLError(e, status)) : [];
  const data = body?.data ?? null;
  if (data === null && errors.length === 0) {
    errors.push(new SxError('BAD_RESPONSE', `The server answered HTTP ${status} without data or errors.`, { status }));
  }
  return { status, data, errors };
}

export function networkError(err: unknown): SxError {
  const detail = err instanceof Error ? err.message : String(err);
  return new SxError('NETWORK_ERROR', `Could not reach the server: ${detail}`, { cause: err });
}

/**
 * One AbortSignal for the caller's signal and the timeout; `reason()` says which fired, so a
 * cancelled request is ABORTED and a slow one TIMEOUT rather than both a network error.
 * (AbortSignal.any/timeout are missing on older React Native, hence by hand.)
 */
export function linkedAbort(outer: AbortSignal | undefined, timeoutMs: number) {
  const controller = new AbortController();
  let reason: SxError | undefined;
  const onOuterAbort = () => {
    reason = new SxError('ABORTED', 'The request was cancelled.');
    controller.abort();
  };
  if (outer?.aborted) onOuterAbort();
  else outer?.addEventListener('abort', onOuterAbort, { once: true });
  const timer = setTimeout(() => {
    reason = new SxError('TIMEOUT', `No answer from the server within ${timeoutMs} ms.`);
    controller.abort();
  }, timeoutMs);
  return {
    signal: controller.signal,
    reason: () => reason,
    dispose: () => {
      clearTimeout(timer);
      outer?.removeEventListener('abort', onOuterAbort);
    },
  };
}
