import { requireCaller } from '@sx/events';
import { unsubscribe } from '../../commands/unsubscribe.js';
import { updatePreferences } from '../../commands/update-preferences.js';
import type { NotificationsDeps } from '../../deps.js';
import { parsePreferenceChoices } from '../../domain/preferences.js';
import type { MutationResolvers } from '../../generated/resolvers-types.js';

export function updateNotificationPreferencesMutation(deps: NotificationsDeps): MutationResolvers['updateNotificationPreferences'] {
  return async (_, args, ctx) => {
    const caller = requireCaller(ctx.identity);
    const choices = parsePreferenceChoices(args.input.preferences);
    ctx.log.info({ userId: caller.userId, changed: choices.length }, 'notification preferences updated');
    return updatePreferences(deps, { caller, choices });
  };
}

export function unsubscribeFromEmailsMutation(deps: NotificationsDeps): MutationResolvers['unsubscribeFromEmails'] {
  return async (_, args, ctx) => {
    const result = await unsubscribe(deps, args.token);
    ctx.log.info({ kind: result.kind }, 'unsubscribed from emails by link');
    return result;
  };
}
