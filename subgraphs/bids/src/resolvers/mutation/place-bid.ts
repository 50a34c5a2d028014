import { type Db, isUniqueViolation } from '@sx/runtime';
import { requireRole } from '@sx/core';
import { hasActiveBid, insertBid, ONE_ACTIVE_BID_INDEX } from '../../db/bid-writes.js';
import { lockTaskReplica } from '../../db/task-replica-queries.js';
import { parseBidDraft } from '../../domain/bid-draft.js';
import { assertCanBid, SecondActiveBid, TaskNotYetKnown } from '../../domain/place-bid.js';
import { recordBidPlaced } from '../../events/bid-events.js';
import { actorOf } from '@sx/events';
import type { MutationResolvers } from '../../generated/resolvers-types.js';

export function placeBid(db: Db): MutationResolvers['placeBid'] {
  return async (_, args, ctx) => {
    const taskerId = requireRole(ctx.identity, 'TASKER');
    const draft = parseBidDraft(args.input);
    const bid = await db
      .transaction(async (tx) => {
        const task = await lockTaskReplica(tx, draft.taskId, 'share');
        if (!task) throw new TaskNotYetKnown(draft.taskId);
        assertCanBid(task, taskerId, draft.amount, new Date());
        if (await hasActiveBid(tx, draft.taskId, taskerId)) throw new SecondActiveBid();
        const inserted = await insertBid(tx, { ...draft, taskerId });
        await recordBidPlaced(tx, inserted, actorOf(ctx.identity));
        return inserted;
      })
      .catch((err: unknown) => {
        // Two placements racing past hasActiveBid: the partial unique index lets one commit.
        throw isUniqueViolation(err, ONE_ACTIVE_BID_INDEX) ? new SecondActiveBid() : err;
      });
    ctx.log.info({ bidId: bid.id, taskId: bid.taskId, taskerId }, 'bid placed');
    return bid;
  };
}
