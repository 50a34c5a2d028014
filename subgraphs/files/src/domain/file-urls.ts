import { checkCapability, signCapability } from '@sx/file-storage';

/** The two things a files URL can allow. */
export type UrlPurpose = 'upload' | 'download';

/** A signed URL and when it stops working. */
export interface SignedUrl {
  url: string;
  expiresAt: Date;
}

/**
 * Who a download URL was minted for, checked again at download time against the replicas:
 * a user id (a receipt: still a member of the expense's group?), or INVOLVED (a task photo given
 * to its poster, assignee or an administrator, who still see the task while it is hidden).
 * No audience: an ordinary viewer of a task, refused once the task is hidden.
 */
export type UrlAudience = string;
export const INVOLVED: UrlAudience = 'involved';

export type UrlCheck = { ok: true; audience: UrlAudience | null } | { ok: false; reason: 'expired' | 'bad-signature' };

/**
 * Mints and checks the upload and download URLs: `/uploads/<id>` and `/files/<id>` on the API's
 * origin (the gateway forwards both here), each with `exp` and `sig` bound to the purpose and the
 * id, and, when given, `for` (the audience) bound too.
 */
export interface UrlSigner {
  sign: (purpose: UrlPurpose, id: string, ttlS: number, now: Date, audience?: UrlAudience) => SignedUrl;
  check: (purpose: UrlPurpose, id: string, query: { exp?: unknown; sig?: unknown; for?: unknown }, now: Date) => UrlCheck;
}

export const URL_PATHS: Record<UrlPurpose, string> = { upload: '/uploads', download: '/files' };

const AUDIENCE = /^[a-z0-9-]{1,64}$/;
/** The audience is signed as part of the purpose, so a URL cannot be handed to another audience. */
const signedPurpose = (purpose: UrlPurpose, audience: UrlAudience | null): string => (audience === null ? purpose : `${purpose}:${audience}`);

export function urlSigner(opts: { keys: readonly string[]; publicUrl: string | undefined }): UrlSigner {
  const [current] = opts.keys;
  if (!current) throw new Error('the files service needs a key to sign its URLs');
  const origin = (opts.publicUrl ?? '').replace(/\/$/, '');
  return {
    sign: (purpose, id, ttlS, now, audience) => {
      if (audience !== undefined && !AUDIENCE.test(audience)) throw new Error(`not a URL audience: ${audience}`);
      const expiresAtS = Math.floor(now.getTime() / 1000) + ttlS;
      const sig = signCapability(current, { purpose: signedPurpose(purpose, audience ?? null), id, expiresAtS });
      const forParam = audience === undefined ? '' : `&for=${audience}`;
      return { url: `${origin}${URL_PATHS[purpose]}/${id}?exp=${expiresAtS}${forParam}&sig=${sig}`, expiresAt: new Date(expiresAtS * 1000) };
    },
    check: (purpose, id, query, now) => {
      const exp = typeof query.exp === 'string' && /^\d{1,12}$/.test(query.exp) ? Number(query.exp) : null;
      const audience = query.for === undefined ? null : typeof query.for === 'string' && AUDIENCE.test(query.for) ? query.for : undefined;
      if (exp === null || audience === undefined || typeof query.sig !== 'string') return { ok: false, reason: 'bad-signature' };
      const check = checkCapability(opts.keys, { purpose: signedPurpose(purpose, audience), id, expiresAtS: exp }, query.sig, now.getTime());
      return check.ok ? { ok: true, audience } : check;
    },
  };
}
