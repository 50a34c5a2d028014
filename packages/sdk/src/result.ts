import type { SxError } from './errors.js';

/**
 * What every request returns: the data, or the error (never a throw). On failure `errors` holds
 * every error of the response (`error` is the first) and `partial` whatever data came with them
 * (GraphQL answers the fields it could), or null.
 */
export type Result<TData> =
  | { ok: true; data: TData }
  | { ok: false; error: SxError; errors: readonly SxError[]; partial: TData | null };

export function failure<TData>(errors: readonly [SxError, ...SxError[]], partial: TData | null = null): Result<TData> {
  return { ok: false, error: errors[0], errors, partial };
}
