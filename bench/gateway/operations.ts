/**
 * The five operations of the gateway bench, each as two request lists: identical (every request
 * the same, where deduplication pays) and varied (each request its own variables and viewer, so
 * deduplication cannot help).
 */
import type { LoadRequest } from './load-types.js';
import { benchId, bidderOf, currencyOf, freeTaskers, popularTasks, posterOf, seedCounts, type SeedScale } from './seed-plan.js';

export type OperationKey = 'listing-anonymous' | 'listing-signed-in' | 'deep-read' | 'place-bid' | 'refused';
export type Mix = 'identical' | 'varied';

export const OPERATIONS: readonly { key: OperationKey; label: string; expect: 'data' | 'refused' }[] = [
  { key: 'listing-anonymous', label: '(a) tasks(first: 20) listing, anonymous', expect: 'data' },
  { key: 'listing-signed-in', label: '(b) the same listing, signed in', expect: 'data' },
  { key: 'deep-read', label: '(c) one task, 20 bids, each tasker name + rating', expect: 'data' },
  { key: 'place-bid', label: '(d) placeBid mutation', expect: 'data' },
  { key: 'refused', label: '(e) document refused by the guards (depth)', expect: 'refused' },
];

const TASK_FIELDS = 'id title budget { amount currency } poster { id name rating { average count } } bidCount';
export const LISTING = `{ tasks(first: 20) { edges { node { ${TASK_FIELDS} } } } }`;
const LISTING_VARIED = `query Listing($filter: TaskFilter, $after: String) { tasks(first: 20, filter: $filter, after: $after) { edges { node { ${TASK_FIELDS} } } } }`;
const DEEP_READ = `query TaskBids($id: ID!) { task(id: $id) { id title bids(first: 20) { edges { node { id amount { amount currency } tasker { id name rating { average count } } } } } } }`;
export const PLACE_BID = `mutation PlaceBid($input: PlaceBidInput!) { placeBid(input: $input) { id status amount { amount currency } } }`;

/** How many distinct requests a varied list holds before it repeats. */
const VARIED_SIZE = 2_000;
const CITIES = [
  [52.52, 13.405],
  [51.507, -0.128],
  [48.857, 2.352],
  [40.713, -74.006],
  [40.4168, -3.7038],
] as const;
const CATEGORIES = ['CLEANING', 'MOVING', 'HANDYMAN', 'DELIVERY', 'GARDENING', 'TECH', 'OTHER'] as const;
const WORDS = ['kitchen', 'wardrobe', 'sofas', 'garden', 'laptop', 'garage', 'bookshelf'] as const;

export interface OperationInputs {
  scale: SeedScale;
  /** An access token for user number n (1-based). */
  tokenOf: (user: number) => string;
  /** endCursors of the unfiltered listing's pages, for paging. */
  cursors: readonly string[];
}

const body = (query: string, variables?: Record<string, unknown>) => JSON.stringify(variables ? { query, variables } : { query });
const pick = <T>(list: readonly T[], k: number): T => list[k % list.length] as T;

/** The k-th varied listing: another filter, place, page or poster each time. */
function listingVariables(inputs: OperationInputs, k: number): Record<string, unknown> {
  const [lat, lng] = pick(CITIES, k);
  switch (k % 6) {
    case 0:
      return { after: pick(inputs.cursors, k) };
    case 1:
      return { filter: { category: pick(CATEGORIES, k >> 1) }, after: k % 4 === 1 ? null : pick(inputs.cursors, k) };
    case 2:
      return { filter: { currency: 'USD', budgetMin: 1000 + (k % 40) * 500, budgetMax: 30_000 + (k % 13) * 1000 } };
    case 3:
      return { filter: { near: { lat: lat + (k % 50) / 1000, lng: lng - (k % 30) / 1000, radiusKm: 3 + (k % 25) } } };
    case 4:
      return { filter: { posterId: benchId('user', (k * 37) % inputs.scale.users + 1) } };
    default:
      return { filter: { status: 'OPEN', search: pick(WORDS, k), category: pick(CATEGORIES, k) } };
  }
}

/** The k-th refused document: nesting deeper than MAX_QUERY_DEPTH (12), varied in depth and leaves. */
function deepDocument(k: number): string {
  const levels = 4 + (k % 3);
  const leaf = k % 2 === 0 ? 'id' : 'id name';
  let inner = leaf;
  const page = (level: number) => `(first: ${1 + ((k + level) % 3)}) { edges { node { poster { `;
  for (let level = 1; level < levels; level += 1) inner = `postedTasks${page(level)}${inner} } } } }`;
  return `{ tasks${page(0)}${inner} } } } } }`;
}

function refusedRequests(mix: Mix): LoadRequest[] {
  if (mix === 'identical') return [{ body: body(deepDocument(0)) }];
  return Array.from({ length: 60 }, (_, k) => ({ body: body(deepDocument(k)) }));
}

function listingRequests(inputs: OperationInputs, mix: Mix, signedIn: boolean): LoadRequest[] {
  const token = (k: number) => (signedIn ? { token: inputs.tokenOf(((k * 7 + 3) % inputs.scale.users) + 1) } : {});
  if (mix === 'identical') return [{ body: body(LISTING), ...token(0) }];
  return Array.from({ length: VARIED_SIZE }, (_, k) => ({ body: body(LISTING_VARIED, listingVariables(inputs, k)), ...token(k) }));
}

/** The poster reads one popular task (30 bids): 20 bids, each tasker's name and rating. */
function deepReadRequests(inputs: OperationInputs, mix: Mix): LoadRequest[] {
  const tasks = popularTasks(inputs.scale);
  const count = mix === 'identical' ? 1 : Math.min(VARIED_SIZE, tasks.length);
  return tasks.slice(0, count).map((task) => ({ body: body(DEEP_READ, { id: benchId('task', task) }), token: inputs.tokenOf(posterOf(inputs.scale, task)) }));
}

function placeBidRequest(inputs: OperationInputs, task: number, tasker: number, k: number): LoadRequest {
  const input = { taskId: benchId('task', task), amount: { amount: 1500 + (k % 500), currency: currencyOf(task) }, message: 'bench bid' };
  return { body: body(PLACE_BID, { input }), token: inputs.tokenOf(tasker) };
}

/**
 * Bids that have never been placed: `run` numbers each list the bench sends, so no pair
 * (task, tasker) is used twice. Identical: one hot popular task, every free tasker in turn.
 * Varied: every open task in turn, each with a tasker the seed never used on it.
 */
function placeBidRequests(inputs: OperationInputs, mix: Mix, run: number, limit: number): LoadRequest[] {
  const { scale } = inputs;
  const requests: LoadRequest[] = [];
  if (mix === 'identical') {
    const popular = popularTasks(scale);
    const hot = popular[popular.length - 1 - run] as number;
    for (const tasker of freeTaskers(scale, hot)) {
      if (requests.length >= limit) break;
      requests.push(placeBidRequest(inputs, hot, tasker, requests.length));
    }
    return requests;
  }
  const { open } = seedCounts(scale);
  // The seed gives a task at most 30 bidders (j < 30); j ≥ 35 never collides with them.
  const j = 35 + run;
  for (let task = 1; task <= open && requests.length < limit; task += 1) {
    const tasker = bidderOf(scale, task, j);
    if (tasker !== posterOf(scale, task)) requests.push(placeBidRequest(inputs, task, tasker, task));
  }
  return requests;
}

/** The request list for one operation and mix; `run` keeps placeBid's pairs unique per run. */
export function requestsFor(inputs: OperationInputs, key: OperationKey, mix: Mix, run = 0, limit = 20_000): LoadRequest[] {
  switch (key) {
    case 'listing-anonymous':
      return listingRequests(inputs, mix, false);
    case 'listing-signed-in':
      return listingRequests(inputs, mix, true);
    case 'deep-read':
      return deepReadRequests(inputs, mix);
    case 'place-bid':
      return placeBidRequests(inputs, mix, run, limit);
    case 'refused':
      return refusedRequests(mix);
  }
}
