import DataLoader from 'dataloader';
import type { Db } from '@sx/runtime';
import type { PageRequest } from '@sx/core';
import { countWithdrawals, findDisputesByIds, findLatestDisputes, pageDisputeMessages, pageOpenDisputes } from './db/dispute-queries.js';
import type { DisputeMessageRow, DisputeRow } from './db/dispute-tables.js';

// What the dispute loaders hand out, for resolvers (which never import db/ themselves).
export type { DisputeMessageRow, DisputeRow };

/** The reads of disputes and withdrawals (issue 17), one batch per request each. */
export interface DisputeLoaders {
  /** A task's latest dispute, by task id. */
  latestDispute: DataLoader<string, DisputeRow | null>;
  dispute: DataLoader<string, DisputeRow | null>;
  /** How often a tasker withdrew, by user id. */
  withdrawalCount: DataLoader<string, number>;
  /** One page of a dispute's messages, oldest first: `page.limit + 1` rows at most. */
  disputeMessages: (disputeId: string, page: PageRequest) => Promise<DisputeMessageRow[]>;
  /** One page of the open disputes, oldest first: `page.limit + 1` rows at most. */
  openDisputePage: (page: PageRequest) => Promise<DisputeRow[]>;
}

export function createDisputeLoaders(db: Db): DisputeLoaders {
  return {
    latestDispute: new DataLoader(async (taskIds) => {
      const byTask = new Map((await findLatestDisputes(db, taskIds)).map((d) => [d.taskId, d]));
      return taskIds.map((id) => byTask.get(id) ?? null);
    }),
    dispute: new DataLoader(async (ids) => {
      const byId = new Map((await findDisputesByIds(db, ids)).map((d) => [d.id, d]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    withdrawalCount: new DataLoader(async (userIds) => {
      const counts = await countWithdrawals(db, userIds);
      return userIds.map((id) => counts.get(id) ?? 0);
    }),
    disputeMessages: (disputeId, page) => pageDisputeMessages(db, disputeId, page),
    openDisputePage: (page) => pageOpenDisputes(db, page),
  };
}
