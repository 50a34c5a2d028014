import { SxError } from './errors.js';
import { getFragmentData, type FragmentType } from './generated/fragment-masking.js';
import {
  RefreshSessionDocument,
  SignInDocument,
  SignOutDocument,
  SignUpDocument,
  ViewerFragmentDoc,
  type SignUpInput,
  type ViewerFragment,
} from './generated/graphql.js';
import { sendOperation, type HttpOptions, type HttpOutcome } from './http.js';
import { failure, type Result } from './result.js';
import type { Tokens } from './tokens.js';

// The session mutations go without an Authorization header: a stale access token would get them
// refused at the gateway (401) before they could replace it.

interface AuthPayloadLike {
  accessToken: string;
  refreshToken: string;
}

/** Sends signUp; the new account's tokens and user. */
export async function requestSignUp(http: HttpOptions, input: SignUpInput): Promise<Result<{ tokens: Tokens; user: ViewerFragment }>> {
  const res = await sendOperation(http, SignUpDocument, { input });
  return session(res, res.data?.signUp);
}

/** Sends signIn; the session's tokens and user. */
export async function requestSignIn(
  http: HttpOptions,
  credentials: { email: string; password: string },
): Promise<Result<{ tokens: Tokens; user: ViewerFragment }>> {
  const res = await sendOperation(http, SignInDocument, credentials);
  return session(res, res.data?.signIn);
}

/** Sends refreshSession: the rotated pair. */
export async function requestRefresh(http: HttpOptions, refreshToken: string): Promise<Result<Tokens>> {
  const res = await sendOperation(http, RefreshSessionDocument, { refreshToken });
  const payload = res.data?.refreshSession;
  if (!payload || res.errors.length) return failed(res);
  return { ok: true, data: tokensOf(payload) };
}

/** Sends signOut: the server ends every token of the session's family. */
export async function requestSignOut(http: HttpOptions, refreshToken: string): Promise<Result<boolean>> {
  const res = await sendOperation(http, SignOutDocument, { refreshToken });
  if (res.errors.length || typeof res.data?.signOut !== 'boolean') return failed(res);
  return { ok: true, data: res.data.signOut };
}

function session(
  res: HttpOutcome<unknown>,
  payload: (AuthPayloadLike & { user: FragmentType<typeof ViewerFragmentDoc> }) | undefined,
): Result<{ tokens: Tokens; user: ViewerFragment }> {
  if (!payload || res.errors.length) return failed(res);
  return { ok: true, data: { tokens: tokensOf(payload), user: getFragmentData(ViewerFragmentDoc, payload.user) } };
}

function tokensOf(payload: AuthPayloadLike): Tokens {
  return { accessToken: payload.accessToken, refreshToken: payload.refreshToken };
}

function failed<T>(res: HttpOutcome<unknown>): Result<T> {
  const [first, ...rest] = res.errors;
  return failure([first ?? new SxError('BAD_RESPONSE', 'The server answered without the expected data.'), ...rest]);
}
