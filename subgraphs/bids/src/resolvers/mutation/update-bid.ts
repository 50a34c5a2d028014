import type { Db } from '@sx/runtime';
import { requireUser } from '@sx/core';
import { withLockedBid, writeBidPatch } from '../../db/bid-writes.js';
import { parseBidPatch } from '../../domain/bid-draft.js';
import { assertCanUpdateBid } from '../../domain/change-bid.js';
import { recordBidUpdated } from '../../events/bid-events.js';
import { actorOf } from '@sx/events';
import type { MutationResolvers } from '../../generated/resolvers-types.js';

export function updateBid(db: Db): MutationResolvers['updateBid'] {
  return async (_, args, ctx) => {
    const callerId = requireUser(ctx.identity);
    const patch = parseBidPatch(args.input);
    const bid = await withLockedBid(db, args.id, async (tx, current, task) => {
      assertCanUpdateBid(current, task, callerId, patch, new Date());
      const updated = await writeBidPatch(tx, current, patch);
      await recordBidUpdated(tx, updated, actorOf(ctx.identity));
      return updated;
    });
    ctx.log.info({ bidId: bid.id, fields: Object.keys(patch) }, 'bid updated');
    return bid;
  };
}
