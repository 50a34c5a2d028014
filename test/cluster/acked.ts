import { gql, type GraphQLResponse } from '@sx/testkit';

/** A client's view of one operation: what the cluster answered once it answered at all. */
export interface Answer<T> {
  response: GraphQLResponse<T>;
  /** How many attempts failed in transit (a killed gateway or subgraph instance) before this answer. */
  retries: number;
}

const RETRY_FOR_MS = 90_000;

/** Attempts that failed in transit over the whole run (reported by the fault test). */
export const inTransit = { failures: 0 };

/**
 * Whether the cluster decided: data, or a final refusal with a catalogued `reason`. Anything else — a
 * socket closed by a killed process, a 502 from HAProxy, a subgraph fetch that failed inside the
 * gateway — is in transit, and a client retries it with the same idempotency key.
 */
function decided<T>(res: GraphQLResponse<T>): boolean {
  if (res.status >= 500) return false;
  if (res.data && Object.values(res.data).every((v) => v !== null)) return true;
  // A refusal the server marks retryable (IDEMPOTENCY_KEY_BUSY: the first attempt is still running) is not a decision.
  return (res.errors ?? []).some((e) => typeof e.extensions?.reason === 'string' && e.extensions.retryable !== true);
}

/** Sends an operation to `url` until the cluster decides it, as a client with retries would. */
export async function untilDecided<T>(url: string, query: string, variables: Record<string, unknown>, token?: string): Promise<Answer<T>> {
  const deadline = Date.now() + RETRY_FOR_MS;
  for (let retries = 0; ; retries++) {
    const res = await gql<T>(query, variables, { url, ...(token ? { token } : {}) }).catch((err: unknown) => ({ status: 599, errors: [{ message: String(err) }] }) as GraphQLResponse<T>);
    if (decided(res)) return { response: res, retries };
    inTransit.failures += 1;
    if (Date.now() > deadline) throw new Error(`no decision after ${retries} retries: ${JSON.stringify(res).slice(0, 500)}`);
    await new Promise((r) => setTimeout(r, Math.min(100 * 2 ** Math.min(retries, 5), 2_000)));
  }
}

/** Like untilDecided, but the answer must be data (a refusal fails the test). */
export async function acked<T>(url: string, query: string, variables: Record<string, unknown>, token?: string): Promise<T> {
  const { response } = await untilDecided<T>(url, query, variables, token);
  if (!response.data || response.errors?.length) throw new Error(`refused: ${JSON.stringify(response.errors)}`);
  return response.data;
}
