import { BadUserInput } from './errors.js';

/** How long an administrator's reason (a suspension, a hidden task) may be. */
export const MODERATION_REASON_MAX_LENGTH = 500;

/** An administrator's reason for an action: trimmed, 1 to 500 characters (the audit log keeps it). */
export function parseModerationReason(raw: string, action: string): string {
  const reason = raw.trim();
  if (reason.length === 0) throw new BadUserInput('INVALID_INPUT', `Give a reason for ${action}.`, { field: 'reason' });
  if ([...reason].length > MODERATION_REASON_MAX_LENGTH) {
    throw new BadUserInput('INVALID_INPUT', `The reason may be at most ${MODERATION_REASON_MAX_LENGTH} characters long.`, { field: 'reason' });
  }
  return reason;
}
