import { randomUUID } from 'node:crypto';

/**
 * What a client can know about one request: it was answered (`ok`), it was refused for good
 * (`refused`, with the catalogued code and reason), or the client cannot tell whether it took
 * effect (`in-doubt`: the connection broke, timed out, or a server failed) — the case an
 * idempotency key exists for.
 */
export type Outcome<T> =
  | { kind: 'ok'; data: T }
  | { kind: 'refused'; code: string; reason: string | undefined; message: string }
  | { kind: 'in-doubt'; why: string };

interface ErrorShape {
  message: string;
  extensions?: { code?: string; reason?: string; retryable?: boolean };
}

/** Codes that are a final answer about the request itself; anything else leaves it in doubt. */
const FINAL_CODES = new Set(['INSUFFICIENT_FUNDS', 'BAD_USER_INPUT', 'CONFLICT', 'NOT_FOUND', 'FORBIDDEN', 'UNAUTHENTICATED']);
const REQUEST_TIMEOUT_MS = 15_000;

function classify<T>(status: number, body: { data?: T | null; errors?: ErrorShape[] }): Outcome<T> {
  const error = body.errors?.[0];
  if (!error) return body.data ? { kind: 'ok', data: body.data } : { kind: 'in-doubt', why: `HTTP ${status} without data` };
  const code = error.extensions?.code ?? 'NONE';
  if (error.extensions?.retryable === true || !FINAL_CODES.has(code)) return { kind: 'in-doubt', why: `${code} ${error.extensions?.reason ?? ''}: ${error.message}`.slice(0, 200) };
  return { kind: 'refused', code, reason: error.extensions?.reason, message: error.message };
}

/**
 * The workload's HTTP client: one request to one of the gateways, never retried here (the
 * caller decides, with the same idempotency key). After a failure it moves on to the next
 * gateway, as a client behind a load balancer would.
 */
export class GatewayClient {
  private next = 0;

  constructor(private readonly urls: readonly string[]) {}

  async call<T>(query: string, variables: Record<string, unknown>, token?: string): Promise<Outcome<T>> {
    const url = this.urls[this.next % this.urls.length] ?? '';
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query, variables }),
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
      const text = await res.text();
      let body: { data?: T | null; errors?: ErrorShape[] };
      try {
        body = JSON.parse(text) as typeof body;
      } catch {
        this.next += 1;
        return { kind: 'in-doubt', why: `HTTP ${res.status}: ${text.slice(0, 120)}` };
      }
      const outcome = classify(res.status, body);
      if (outcome.kind === 'in-doubt') this.next += 1;
      return outcome;
    } catch (err) {
      this.next += 1;
      return { kind: 'in-doubt', why: err instanceof Error ? `${err.name}: ${err.message}` : String(err) };
    }
  }
}

export interface Session {
  id: string;
  email: string;
  token: string;
}

const PASSWORD = 'nemesis bank test password';
const AUTH = `accessToken user { id }`;

/** Retries an operation that has no money effect until it gets a final answer (or the deadline). */
export async function untilFinal<T>(attempt: () => Promise<Outcome<T>>, deadlineMs: number): Promise<Outcome<T>> {
  let outcome = await attempt();
  let pauseMs = 100;
  while (outcome.kind === 'in-doubt' && Date.now() < deadlineMs) {
    await new Promise((r) => setTimeout(r, pauseMs));
    pauseMs = Math.min(pauseMs * 2, 2_000);
    outcome = await attempt();
  }
  return outcome;
}

function finalData<T>(outcome: Outcome<T>, what: string): T {
  if (outcome.kind !== 'ok') throw new Error(`${what}: ${JSON.stringify(outcome)}`);
  return outcome.data;
}

export async function signUp(client: GatewayClient, name: string): Promise<Session> {
  const email = `${name.toLowerCase().replaceAll(" ", "-")}.${randomUUID()}@example.test`;
  const input = { email, password: PASSWORD, name, roles: ['POSTER', 'TASKER'] };
  const outcome = await untilFinal(
    () => client.call<{ signUp: { accessToken: string; user: { id: string } } }>(`mutation($input: SignUpInput!) { signUp(input: $input) { ${AUTH} } }`, { input }),
    Date.now() + 60_000,
  );
  const data = finalData(outcome, `signUp ${name}`);
  return { id: data.signUp.user.id, email, token: data.signUp.accessToken };
}

/**
 * A call as the session's user. An expired access token (a long run outlives its 15 minutes) is
 * replaced by signing in again; refresh tokens are not used, because a refresh whose answer was
 * lost would make the retry look like token reuse and revoke the session.
 */
export async function callAs<T>(client: GatewayClient, session: Session, query: string, variables: Record<string, unknown>): Promise<Outcome<T>> {
  const outcome = await client.call<T>(query, variables, session.token);
  if (outcome.kind !== 'refused' || outcome.code !== 'UNAUTHENTICATED') return outcome;
  const signedIn = await untilFinal(
    () => client.call<{ signIn: { accessToken: string } }>(`mutation($email: String!, $password: String!) { signIn(email: $email, password: $password) { accessToken } }`, { email: session.email, password: PASSWORD }),
    Date.now() + 30_000,
  );
  if (signedIn.kind !== 'ok') return { kind: 'in-doubt', why: `sign-in again: ${JSON.stringify(signedIn)}` };
  session.token = signedIn.data.signIn.accessToken;
  return client.call<T>(query, variables, session.token);
}
