import type { GraphQLFormattedError } from 'graphql';

/**
 * Attempts of a hydration whose answer carries a transient error, and the pause before the
 * second (doubled each time). A live payload is built once per event: an instance of the
 * owning subgraph killed mid-fetch (HAProxy answers 502, masked as INTERNAL_SERVER_ERROR) or a
 * circuit open for a moment would otherwise cost every subscriber of the group that event.
 */
export const HYDRATION_ATTEMPTS = 4;
export const HYDRATION_RETRY_MS = 250;

/** Unavailable, or masked (the gateway cannot tell a lost fetch from a bug): worth one more look. */
export function isTransient(errors: readonly GraphQLFormattedError[] | undefined): boolean {
  return (errors ?? []).some((e) => e.extensions?.['code'] === 'UNAVAILABLE' || e.extensions?.['code'] === 'INTERNAL_SERVER_ERROR');
}

/** Runs `attempt` until its errors are not transient, at most `attempts` times, with doubling pauses. */
export async function untilNotTransient<T extends { errors?: readonly GraphQLFormattedError[] | undefined }>(
  attempt: () => Promise<T>,
  opts: { attempts?: number; retryMs?: number } = {},
): Promise<T> {
  const attempts = opts.attempts ?? HYDRATION_ATTEMPTS;
  const retryMs = opts.retryMs ?? HYDRATION_RETRY_MS;
  for (let n = 1; ; n++) {
    const result = await attempt();
    if (n >= attempts || !isTransient(result.errors)) return result;
    await new Promise((resolve) => setTimeout(resolve, retryMs * 2 ** (n - 1)));
  }
}
