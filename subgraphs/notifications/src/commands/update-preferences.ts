import type { Caller } from '@sx/events';
import { findChoices, saveChoices } from '../db/preference-queries.js';
import type { NotificationsDeps } from '../deps.js';
import { allPreferences, type PreferenceChoice } from '../domain/preferences.js';

/** updateNotificationPreferences: stores the caller's choices and answers all their settings. */
export async function updatePreferences(deps: NotificationsDeps, input: { caller: Caller; choices: readonly PreferenceChoice[] }): Promise<PreferenceChoice[]> {
  return deps.db.transaction(async (tx) => {
    await saveChoices(tx, input.caller.userId, input.choices);
    return allPreferences(await findChoices(tx, [input.caller.userId]));
  });
}
