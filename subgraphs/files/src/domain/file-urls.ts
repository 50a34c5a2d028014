import { checkCapability, signCapability, type CapabilityCheck } from '@sx/file-storage';

/** The two things a files URL can allow. */
export type UrlPurpose = 'upload' | 'download';

/** A signed URL and when it stops working. */
export interface SignedUrl {
  url: string;
  expiresAt: Date;
}

/**
 * Mints and checks the upload and download URLs: `/uploads/<id>` and `/files/<id>` on the API's
 * origin (the gateway forwards both here), each with `exp` and `sig` bound to the purpose and the id.
 */
export interface UrlSigner {
  sign: (purpose: UrlPurpose, id: string, ttlS: number, now: Date) => SignedUrl;
  check: (purpose: UrlPurpose, id: string, query: { exp?: unknown; sig?: unknown }, now: Date) => CapabilityCheck;
}

export const URL_PATHS: Record<UrlPurpose, string> = { upload: '/uploads', download: '/files' };

export function urlSigner(opts: { keys: readonly string[]; publicUrl: string | undefined }): UrlSigner {
  const [current] = opts.keys;
  if (!current) throw new Error('the files service needs a key to sign its URLs');
  const origin = (opts.publicUrl ?? '').replace(/\/$/, '');
  return {
    sign: (purpose, id, ttlS, now) => {
      const expiresAtS = Math.floor(now.getTime() / 1000) + ttlS;
      const sig = signCapability(current, { purpose, id, expiresAtS });
      return { url: `${origin}${URL_PATHS[purpose]}/${id}?exp=${expiresAtS}&sig=${sig}`, expiresAt: new Date(expiresAtS * 1000) };
    },
    check: (purpose, id, query, now) => {
      const exp = typeof query.exp === 'string' && /^\d{1,12}$/.test(query.exp) ? Number(query.exp) : null;
      if (exp === null || typeof query.sig !== 'string') return { ok: false, reason: 'bad-signature' };
      return checkCapability(opts.keys, { purpose, id, expiresAtS: exp }, query.sig, now.getTime());
    },
  };
}
