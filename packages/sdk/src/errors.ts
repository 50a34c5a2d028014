import { SX_ERROR_REASONS, type SxErrorReason, type SxRefusalCode } from './error-reasons.js';

export type { SxErrorReason, SxRefusalCode } from './error-reasons.js';

/** Codes the API puts in `extensions.code`: the refusals of docs/errors.md, and request-level ones. */
export type ApiErrorCode =
  | SxRefusalCode
  | 'INTERNAL_SERVER_ERROR'
  | 'GRAPHQL_PARSE_FAILED'
  | 'GRAPHQL_VALIDATION_FAILED'
  | 'OPERATION_RESOLUTION_FAILURE';

/** Codes the SDK itself gives to failures that never got an answer from the API. */
export type ClientErrorCode =
  /** The server could not be reached, or the connection broke. */
  | 'NETWORK_ERROR'
  /** No answer within the request timeout. */
  | 'TIMEOUT'
  /** The caller's AbortSignal cancelled the request. */
  | 'ABORTED'
  /** An answer came that is not a GraphQL response (a proxy's HTML page, say). */
  | 'BAD_RESPONSE';

/**
 * The code of an SxError. Known codes autocomplete and narrow; a code this version of the SDK
 * does not know yet still arrives as the string the server sent.
 */
export type SxErrorCode = ApiErrorCode | ClientErrorCode | (string & {});

/** One GraphQL error as it travels in a response. */
export interface GraphQLErrorLike {
  message: string;
  path?: readonly (string | number)[];
  extensions?: Record<string, unknown>;
}

/**
 * An error as a value: requests return it in `{ ok: false, error }` rather than throwing, and
 * subscriptions hand it to `error`. `code` is the API's `extensions.code`, the contract;
 * `message` is for people and may change.
 */
export class SxError extends Error {
  override readonly name = 'SxError';
  readonly code: SxErrorCode;
  /** Where in the response the error happened, e.g. ['placeBid']. */
  readonly path: readonly (string | number)[] | undefined;
  /**
   * Why the API refused (`extensions.reason`), typed so a `switch` can be exhaustive; null for
   * errors without one (network, internal) and for a reason newer than this SDK (the raw string
   * is still in `extensions.reason`).
   */
  readonly reason: SxErrorReason | null;
  /** Everything the server put in `extensions` (code, retryable, reason, traceId …). */
  readonly extensions: Readonly<Record<string, unknown>>;
  /** The HTTP status of the response that carried the error, when there was one. */
  readonly status: number | undefined;

  constructor(
    code: SxErrorCode,
    message: string,
    opts: { path?: readonly (string | number)[]; extensions?: Record<string, unknown>; status?: number; cause?: unknown } = {},
  ) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.code = code;
    this.path = opts.path;
    this.extensions = { ...opts.extensions, code };
    this.reason = knownReason(opts.extensions?.reason);
    this.status = opts.status;
  }

  /** True when the server said trying again later may succeed (`extensions.retryable`). */
  get retryable(): boolean {
    return this.extensions.retryable === true;
  }
}

const KNOWN_REASONS: ReadonlySet<string> = new Set(SX_ERROR_REASONS);

function knownReason(value: unknown): SxErrorReason | null {
  return typeof value === 'string' && KNOWN_REASONS.has(value) ? (value as SxErrorReason) : null;
}

/** An SxError from one error of a GraphQL response; a missing code is the server's fault. */
export function fromGraphQLError(error: GraphQLErrorLike, status?: number): SxError {
  const code = typeof error.extensions?.code === 'string' ? error.extensions.code : 'INTERNAL_SERVER_ERROR';
  return new SxError(code, error.message, {
    ...(error.path ? { path: error.path } : {}),
    ...(error.extensions ? { extensions: error.extensions } : {}),
    ...(status === undefined ? {} : { status }),
  });
}

/** True for a value shaped like a GraphQL error list (graphql-ws hands these to `error`). */
export function isGraphQLErrorList(value: unknown): value is GraphQLErrorLike[] {
  return Array.isArray(value) && value.every((e) => typeof e === 'object' && e !== null && typeof (e as { message?: unknown }).message === 'string');
}
