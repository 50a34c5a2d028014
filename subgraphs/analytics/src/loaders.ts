import type { Db, ReadDb } from '@sx/runtime';
import { countFacts, feesByDay, rankTaskers, rankTasks, sumHeld, sumReleased } from './db/stats-queries.js';

// What the loaders hand out, for resolvers (which never import db/ themselves).
export type { CurrencyAmount, RankedPayment, TaskerTotal } from './db/stats-queries.js';

/**
 * Every read the analytics resolvers make. Figures may lag (they are read models fed by events),
 * so they are read from the replica when there is one.
 */
export interface AnalyticsLoaders {
  countFacts: (range: Parameters<typeof countFacts>[1]) => ReturnType<typeof countFacts>;
  sumReleased: (range: Parameters<typeof sumReleased>[1]) => ReturnType<typeof sumReleased>;
  feesByDay: (range: Parameters<typeof feesByDay>[1]) => ReturnType<typeof feesByDay>;
  sumHeld: () => ReturnType<typeof sumHeld>;
  rankTasks: (args: Parameters<typeof rankTasks>[1]) => ReturnType<typeof rankTasks>;
  rankTaskers: (args: Parameters<typeof rankTaskers>[1]) => ReturnType<typeof rankTaskers>;
}

export function createLoaders(_db: Db, readDb: ReadDb): AnalyticsLoaders {
  return {
    countFacts: (range) => readDb.read((db) => countFacts(db, range)),
    sumReleased: (range) => readDb.read((db) => sumReleased(db, range)),
    feesByDay: (range) => readDb.read((db) => feesByDay(db, range)),
    sumHeld: () => readDb.read((db) => sumHeld(db)),
    rankTasks: (args) => readDb.read((db) => rankTasks(db, args)),
    rankTaskers: (args) => readDb.read((db) => rankTaskers(db, args)),
  };
}
