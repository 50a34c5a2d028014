import { refusalError } from '@sx/runtime';

/**
 * A subscription cursor: the position of an event in its domain's stream, e.g. `bids:1042`,
 * base64url-encoded so clients treat it as opaque. Positions are per stream, so a cursor of
 * one field's events is refused by another's.
 */
export function encodeCursor(domain: string, seq: number): string {
  return Buffer.from(`${domain}:${seq}`).toString('base64url');
}

export function decodeCursor(cursor: string, domain: string): number {
  const [cursorDomain, seqText] = Buffer.from(cursor, 'base64url').toString('utf8').split(':');
  const seq = Number(seqText);
  if (cursorDomain !== domain || !Number.isSafeInteger(seq) || seq < 0) {
    throw refusalError('INVALID_SUBSCRIPTION', `"${cursor}" is not a cursor of this subscription: pass the cursor of an event it delivered.`);
  }
  return seq;
}
