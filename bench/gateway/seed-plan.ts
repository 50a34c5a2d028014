/**
 * The formulas behind the bench's data set (seed.ts writes them in SQL): who posted task i,
 * who bid on it, which taskers are still free to bid. The bench builds its requests from these
 * instead of reading the database back.
 */
import { createHash } from 'node:crypto';

export interface SeedScale {
  users: number;
  tasks: number;
}

/** What the issue asks for: 10k users, 50k tasks, 200k+ bids and reviews together. */
export const FULL_SCALE: SeedScale = { users: 10_000, tasks: 50_000 };

/** One open task in this many is popular: 30 bids, the deep read's target. */
export const POPULAR_EVERY = 25;
export const POPULAR_BIDS = 30;
const CURRENCIES = ['USD', 'USD', 'USD', 'EUR', 'GBP'] as const;

export function seedCounts(scale: SeedScale) {
  const open = Math.floor(scale.tasks / 2);
  return { open, completed: scale.tasks - open, popular: Math.floor(open / POPULAR_EVERY) };
}

/** seed.ts's ids: the md5 of `sx-bench-<kind>-<n>` as a version-4 uuid (8-4-4-4-12 digits). */
export function benchId(kind: 'user' | 'task', n: number): string {
  const hex = createHash('md5').update(`sx-bench-${kind}-${n}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20)}`;
}

export function posterOf(scale: SeedScale, task: number): number {
  return ((task * 7919) % scale.users) + 1;
}

export function currencyOf(task: number): string {
  return CURRENCIES[task % 5] as string;
}

export function isPopular(task: number): boolean {
  return task % POPULAR_EVERY === 0;
}

/** The j-th tasker in open task i's bidding order (the seed uses j below its bid count). */
export function bidderOf(scale: SeedScale, task: number, j: number): number {
  return ((task * 31 + j * 97 + Math.floor(scale.users / 2)) % scale.users) + 1;
}

export function seededBidCount(task: number): number {
  return isPopular(task) ? POPULAR_BIDS : 4 + (task % 8);
}

/** Users who hold a standing bid on open task i (the poster never bids on their own task). */
export function seededBidders(scale: SeedScale, task: number): Set<number> {
  const bidders = new Set<number>();
  for (let j = 0; j < seededBidCount(task); j += 1) {
    const tasker = bidderOf(scale, task, j);
    if (tasker !== posterOf(scale, task)) bidders.add(tasker);
  }
  return bidders;
}

/** Users who may still bid on open task i: neither its poster nor a seeded bidder, in order. */
export function* freeTaskers(scale: SeedScale, task: number, from = 1): Generator<number> {
  const taken = seededBidders(scale, task);
  for (let user = from; user <= scale.users; user += 1) {
    if (user !== posterOf(scale, task) && !taken.has(user)) yield user;
  }
}

/** Open task numbers that are popular (30 bids), in order. */
export function popularTasks(scale: SeedScale): number[] {
  const { open } = seedCounts(scale);
  const tasks: number[] = [];
  for (let task = POPULAR_EVERY; task <= open; task += POPULAR_EVERY) tasks.push(task);
  return tasks;
}
