import { BadUserInput, isUuid } from '@sx/core';
import { saveChoices } from '../db/preference-queries.js';
import type { NotificationsDeps } from '../deps.js';
import { NOTIFICATION_KINDS, type NotificationKind } from '../domain/notification-kind.js';
import { verifyUnsubscribeToken } from '../mail/unsubscribe-token.js';

const isKind = (kind: string): kind is NotificationKind => (NOTIFICATION_KINDS as readonly string[]).includes(kind);

/**
 * unsubscribeFromEmails: the signed token names the user and the kind, so it works without
 * signing in and cannot be turned against anyone else. Repeating it changes nothing.
 */
export async function unsubscribe(deps: NotificationsDeps, token: string): Promise<{ kind: NotificationKind }> {
  const claim = verifyUnsubscribeToken(deps.unsubscribeKey, token);
  if (!claim || !isUuid(claim.userId) || !isKind(claim.kind)) {
    throw new BadUserInput('INVALID_UNSUBSCRIBE_TOKEN', 'This unsubscribe link is not valid; open it from the email again, or change your settings after signing in.', { field: 'token' });
  }
  const kind = claim.kind;
  await deps.db.transaction((tx) => saveChoices(tx, claim.userId, [{ kind, channel: 'EMAIL', enabled: false }]));
  return { kind };
}
