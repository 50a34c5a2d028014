import { createHash } from 'node:crypto';
import { canonicalRequest, type IdempotentOperation, type RequestField } from '../../domain/idempotency.js';

/** Fingerprint of a request (stored with its key): a SHA-256 of its canonical form. */
export function requestHash(operation: IdempotentOperation, fields: Record<string, RequestField>): string {
  return createHash('sha256').update(canonicalRequest(operation, fields)).digest('hex');
}
