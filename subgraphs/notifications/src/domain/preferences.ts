import { BadUserInput } from '@sx/core';
import { NOTIFICATION_KINDS, type NotificationKind } from './notification-kind.js';

export const CHANNELS = ['IN_APP', 'EMAIL'] as const;
export type Channel = (typeof CHANNELS)[number];

/**
 * Defaults: everything in the app; by email only what asks for action or brings money or news
 * of the outcome. BID_REJECTED, PAYMENT_HELD and TASK_ASSIGNED repeat what another email says.
 */
const QUIET_BY_EMAIL: ReadonlySet<NotificationKind> = new Set(['BID_REJECTED', 'PAYMENT_HELD', 'TASK_ASSIGNED']);

export function defaultEnabled(kind: NotificationKind, channel: Channel): boolean {
  return channel === 'IN_APP' || !QUIET_BY_EMAIL.has(kind);
}

/** A stored choice, if the user made one. */
export interface StoredChoice {
  kind: string;
  channel: string;
  enabled: boolean;
}

/** Whether a user wants `kind` on `channel`: their stored choice, else the default. */
export function isEnabled(choices: readonly StoredChoice[], kind: NotificationKind, channel: Channel): boolean {
  const choice = choices.find((c) => c.kind === kind && c.channel === channel);
  return choice ? choice.enabled : defaultEnabled(kind, channel);
}

/** One choice as the API sends it. */
export interface PreferenceChoice {
  kind: NotificationKind;
  channel: Channel;
  enabled: boolean;
}

/** The choices of updateNotificationPreferences: one per kind and channel, so the outcome never depends on order. */
export function parsePreferenceChoices(choices: readonly PreferenceChoice[]): PreferenceChoice[] {
  const seen = new Set<string>();
  for (const c of choices) {
    const key = `${c.kind}/${c.channel}`;
    if (seen.has(key)) throw new BadUserInput('INVALID_INPUT', `${c.kind} on ${c.channel} appears twice; send each kind and channel once.`, { field: 'preferences' });
    seen.add(key);
  }
  return [...choices];
}

/** Every kind on every channel, as the user has them (their choice, else the default). */
export function allPreferences(stored: readonly StoredChoice[]): PreferenceChoice[] {
  return NOTIFICATION_KINDS.flatMap((kind) => CHANNELS.map((channel) => ({ kind, channel, enabled: isEnabled(stored, kind, channel) })));
}
