import { requireCaller } from '@sx/events';
import { markNotificationsRead } from '../../commands/mark-notifications-read.js';
import type { NotificationsDeps } from '../../deps.js';
import { parseReadSelection } from '../../domain/read-selection.js';
import type { MutationResolvers } from '../../generated/resolvers-types.js';

export function markNotificationsReadMutation(deps: NotificationsDeps): MutationResolvers['markNotificationsRead'] {
  return async (_, args, ctx) => {
    const caller = requireCaller(ctx.identity);
    const result = await markNotificationsRead(deps, { caller, which: parseReadSelection(args.input) });
    ctx.log.info({ userId: caller.userId, marked: result.marked }, 'notifications marked read');
    return result;
  };
}
