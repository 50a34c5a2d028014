import { createHash, createHmac } from 'node:crypto';

/** AWS credentials for Signature Version 4 (an S3-compatible store's access key). */
export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  /** Temporary credentials (STS) carry a session token, sent as x-amz-security-token. */
  sessionToken?: string;
}

export interface RequestToSign {
  method: string;
  url: URL;
  /** Headers to sign besides host and x-amz-date (e.g. x-amz-content-sha256, content-type, range). */
  headers: Record<string, string>;
  /** Hex SHA-256 of the body (of '' for none), or 'UNSIGNED-PAYLOAD'. */
  payloadHash: string;
  region: string;
  service: string;
  credentials: AwsCredentials;
  date: Date;
}

export const sha256Hex = (data: string | Uint8Array): string => createHash('sha256').update(data).digest('hex');
const hmac = (key: string | Buffer, data: string): Buffer => createHmac('sha256', key).update(data).digest();

/** RFC 3986 encoding as SigV4 wants it: everything but unreserved characters, '/' kept in paths. */
function uriEncode(value: string, keepSlash: boolean): string {
  return [...value]
    .map((ch) => {
      if (/[A-Za-z0-9\-._~]/.test(ch) || (keepSlash && ch === '/')) return ch;
      return [...Buffer.from(ch, 'utf8')].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join('');
    })
    .join('');
}

function canonicalQuery(url: URL): string {
  const pairs = [...url.searchParams].map(([k, v]) => [uriEncode(k, false), uriEncode(v, false)] as const);
  pairs.sort(([ak, av], [bk, bv]) => (ak === bk ? (av < bv ? -1 : av > bv ? 1 : 0) : ak < bk ? -1 : 1));
  return pairs.map(([k, v]) => `${k}=${v}`).join('&');
}

/** `20150830T123600Z` */
export function amzDate(date: Date): string {
  return date.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

/** The canonical request and the string to sign, exposed so tests can compare each step with AWS's vectors. */
export function signingSteps(req: RequestToSign): { canonicalRequest: string; stringToSign: string; signedHeaders: string; scope: string; headers: Record<string, string> } {
  const timestamp = amzDate(req.date);
  const day = timestamp.slice(0, 8);
  const headers: Record<string, string> = { host: req.url.host, 'x-amz-date': timestamp };
  for (const [name, value] of Object.entries(req.headers)) headers[name.toLowerCase()] = value;
  if (req.credentials.sessionToken) headers['x-amz-security-token'] = req.credentials.sessionToken;
  const names = Object.keys(headers).sort();
  const canonicalHeaders = names.map((n) => `${n}:${(headers[n] ?? '').trim().replace(/\s+/g, ' ')}\n`).join('');
  const signedHeaders = names.join(';');
  // S3 does not normalise paths (no '..' folding, no double encoding); our keys are plain anyway.
  const canonicalRequest = [req.method, uriEncode(decodeURIComponent(req.url.pathname), true), canonicalQuery(req.url), canonicalHeaders, signedHeaders, req.payloadHash].join('\n');
  const scope = `${day}/${req.region}/${req.service}/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', timestamp, scope, sha256Hex(canonicalRequest)].join('\n');
  return { canonicalRequest, stringToSign, signedHeaders, scope, headers };
}

/**
 * Signs a request with AWS Signature Version 4 (header form), as S3 and every S3-compatible
 * store (MinIO, R2, Ceph, GCS interop) accept it. Returns the headers to send, Authorization included.
 */
export function signRequest(req: RequestToSign): Record<string, string> {
  const { stringToSign, signedHeaders, scope, headers } = signingSteps(req);
  const day = scope.slice(0, 8);
  const signingKey = hmac(hmac(hmac(hmac(`AWS4${req.credentials.secretAccessKey}`, day), req.region), req.service), 'aws4_request');
  const signature = createHmac('sha256', signingKey).update(stringToSign).digest('hex');
  const authorization = `AWS4-HMAC-SHA256 Credential=${req.credentials.accessKeyId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`;
  const { host: _host, ...rest } = headers;
  return { ...rest, authorization };
}
