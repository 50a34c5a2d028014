import { assertBlobKey, type BlobStore } from './blob-store.js';
import { sha256Hex, signRequest, type AwsCredentials } from './sigv4.js';

export interface S3StoreOptions {
  /** e.g. https://s3.eu-west-1.amazonaws.com, http://127.0.0.1:9000 (MinIO), https://<account>.r2.cloudflarestorage.com */
  endpoint: string;
  region: string;
  bucket: string;
  credentials: AwsCredentials;
  /** Prefix inside the bucket, so one bucket can serve several installs. */
  prefix: string;
  /** Per request. */
  timeoutMs: number;
}

/**
 * An S3-compatible object store over plain fetch, signed with SigV4 (node:crypto): PUT, GET and
 * DELETE of whole objects, path-style addressing (which every S3-compatible server accepts).
 */
export function s3BlobStore(opts: S3StoreOptions): BlobStore {
  const base = opts.endpoint.replace(/\/$/, '');
  const urlOf = (key: string): URL => {
    assertBlobKey(key);
    return new URL(`${base}/${opts.bucket}/${opts.prefix ? `${opts.prefix}/` : ''}${key}`);
  };
  const send = async (method: 'PUT' | 'GET' | 'DELETE', key: string, body?: { bytes: Uint8Array; contentType: string }): Promise<Response> => {
    const url = urlOf(key);
    const payloadHash = sha256Hex(body?.bytes ?? '');
    const extra: Record<string, string> = { 'x-amz-content-sha256': payloadHash };
    if (body) extra['content-type'] = body.contentType;
    const headers = signRequest({ method, url, headers: extra, payloadHash, region: opts.region, service: 's3', credentials: opts.credentials, date: new Date() });
    return fetch(url, { method, headers, ...(body ? { body: body.bytes } : {}), signal: AbortSignal.timeout(opts.timeoutMs) });
  };
  const fail = async (what: string, res: Response): Promise<never> => {
    // S3 error bodies are small XML documents naming the code (NoSuchBucket, SignatureDoesNotMatch).
    const detail = (await res.text()).slice(0, 300);
    throw new Error(`S3 ${what} answered ${res.status}: ${detail}`);
  };
  return {
    description: `s3:${base}/${opts.bucket}${opts.prefix ? `/${opts.prefix}` : ''}`,
    async put({ key, bytes, contentType }) {
      const res = await send('PUT', key, { bytes, contentType });
      if (!res.ok) await fail(`PUT ${key}`, res);
    },
    async get(key) {
      const res = await send('GET', key);
      if (res.status === 404) return null;
      if (!res.ok) return fail(`GET ${key}`, res);
      return new Uint8Array(await res.arrayBuffer());
    },
    async delete(key) {
      const res = await send('DELETE', key);
      if (!res.ok && res.status !== 404) await fail(`DELETE ${key}`, res);
    },
  };
}
