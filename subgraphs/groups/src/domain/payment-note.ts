/**
 * How a wallet transfer says what it pays for: sendMoney's note carries `share:<id>` (one expense
 * share) or `group:<id>` (a settle-up payment). wallet.money.sent carries the note, so groups
 * learns of the payment from the wallet's own event without the wallet knowing about groups.
 * A forged note cannot do harm: the transfer must really go from the debtor to the creditor.
 */
const SHARE_REF = /\bshare:([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\b/i;
const GROUP_REF = /\bgroup:([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\b/i;

export type PaymentReference = { kind: 'share'; shareId: string } | { kind: 'group'; groupId: string };

/** The note to send with a share's payment (the description helps the recipient's statement). */
export function sharePaymentNote(shareId: string, description: string): string {
  return `${description.slice(0, 200)} (share:${shareId})`;
}

/** One key per share: paying it twice replays the first transfer instead of moving money twice. */
export function sharePaymentKey(shareId: string): string {
  return `group-share-${shareId}`;
}

export function settleUpNote(groupId: string, groupName: string): string {
  return `Settle up: ${groupName.slice(0, 80)} (group:${groupId})`;
}

export function parsePaymentReference(note: string | null): PaymentReference | null {
  if (!note) return null;
  const share = SHARE_REF.exec(note)?.[1];
  if (share) return { kind: 'share', shareId: share.toLowerCase() };
  const group = GROUP_REF.exec(note)?.[1];
  return group ? { kind: 'group', groupId: group.toLowerCase() } : null;
}
