import DataLoader from 'dataloader';
import { type EventEnvelope, findOwnEvent } from '@sx/events';
import type { Db, ServiceContext } from '@sx/runtime';
import type { TimePageRequest } from '@sx/core';
import { activeBidCounts, findBidsByIds, pageBidsOfTasker, pageBidsOfTasks, type BidWithPoster } from './db/bid-queries.js';
import { outbox, type BidRow } from './db/tables.js';

/** The stored shapes resolvers receive: a bid, and a bid with its task's poster. */
export type { BidRow } from './db/tables.js';
export type { BidWithPoster } from './db/bid-queries.js';

/** One task's page of bids, as seen by one scope (all bids, or those one viewer may see). */
export interface TaskBidsKey {
  taskId: string;
  viewerId: string | null;
  page: TimePageRequest;
}

/** Every read the bids resolvers make: they reach the database through nothing else. */
export interface BidLoaders {
  bid: DataLoader<string, BidWithPoster | null>;
  bidCount: DataLoader<string, number>;
  /** Rows of one page (limit + 1, newest first) of each task's bids. */
  taskBids: DataLoader<TaskBidsKey, BidRow[], string>;
  /** One page (limit + 1 rows, newest first) of a tasker's bids on all tasks. */
  taskerBids: (taskerId: string, page: TimePageRequest) => Promise<BidRow[]>;
  /** One of bids' own events, read back from its outbox (null for an unknown id). */
  ownEvent: (id: string) => Promise<EventEnvelope | null>;
}

const pageSignature = (k: TaskBidsKey) =>
  JSON.stringify([k.viewerId, k.page.limit, k.page.after?.at.toISOString() ?? null, k.page.after?.id ?? null]);

/**
 * A list of tasks usually asks every task for the same page, so keys sharing a page (and
 * scope) go to the database as one statement; differing pages get one statement each.
 */
async function loadTaskBids(db: Db, keys: readonly TaskBidsKey[]): Promise<BidRow[][]> {
  const groups = new Map<string, TaskBidsKey[]>();
  for (const key of keys) {
    const signature = pageSignature(key);
    groups.set(signature, [...(groups.get(signature) ?? []), key]);
  }
  const rowsByKey = new Map<string, BidRow[]>();
  await Promise.all(
    [...groups.entries()].map(async ([signature, group]) => {
      const first = group[0];
      if (!first) return;
      const rows = await pageBidsOfTasks(db, { taskIds: group.map((k) => k.taskId), viewerId: first.viewerId, page: first.page });
      for (const row of rows) {
        const key = `${row.taskId}|${signature}`;
        rowsByKey.set(key, [...(rowsByKey.get(key) ?? []), row]);
      }
    }),
  );
  return keys.map((k) => rowsByKey.get(`${k.taskId.toLowerCase()}|${pageSignature(k)}`) ?? []);
}

export function createLoaders(db: Db): BidLoaders {
  return {
    bid: new DataLoader(async (ids) => {
      const rows = await findBidsByIds(db, ids);
      const byId = new Map(rows.map((r) => [r.id, r]));
      // Postgres returns uuids in lower case; callers may send any case.
      return ids.map((id) => byId.get(id.toLowerCase()) ?? null);
    }),
    bidCount: new DataLoader(async (taskIds) => {
      const rows = await activeBidCounts(db, taskIds);
      const byTask = new Map(rows.map((r) => [r.taskId, r.count]));
      return taskIds.map((id) => byTask.get(id.toLowerCase()) ?? 0);
    }),
    taskBids: new DataLoader((keys) => loadTaskBids(db, keys), {
      cacheKeyFn: (k) => `${k.taskId.toLowerCase()}|${pageSignature(k)}`,
    }),
    taskerBids: (taskerId, page) => pageBidsOfTasker(db, { taskerId, page }),
    ownEvent: (id) => findOwnEvent(db, outbox, id),
  };
}

/** What the bids resolvers receive. */
export type BidContext = ServiceContext<BidLoaders>;
