import { BadUserInput } from '@sx/core';

/** How an expense is divided among the members it was for. */
export type SplitMethod = 'EQUAL' | 'SHARES' | 'EXACT';

/** One participant of a split: `weight` is a share count (SHARES) or minor units (EXACT); ignored for EQUAL. */
export interface SplitPart {
  userId: string;
  weight: number;
}

/** What each participant owes of the expense, in minor units; the amounts always sum to the total. */
export interface ShareAmount {
  userId: string;
  amountMinor: number;
}

export const MAX_SPLIT_PARTICIPANTS = 50;
export const MAX_SHARES_PER_PARTICIPANT = 1_000;

/**
 * Divides `totalMinor` among `parts`. The one rounding rule (docs/decisions.md): every part gets
 * the floor of its exact fraction, then the minor units left over go one each to the parts with
 * the largest remainders, ties to the part listed first. EQUAL is SHARES with one share each;
 * EXACT takes the amounts as given and refuses them unless they sum to the total.
 */
export function splitExpense(totalMinor: number, method: SplitMethod, parts: readonly SplitPart[]): ShareAmount[] {
  checkParts(totalMinor, method, parts);
  if (method === 'EXACT') return parts.map((p) => ({ userId: p.userId, amountMinor: p.weight }));
  const weights = parts.map((p) => (method === 'EQUAL' ? 1 : p.weight));
  const amounts = largestRemainder(totalMinor, weights);
  const shares = parts.map((p, i) => ({ userId: p.userId, amountMinor: amounts[i] ?? 0 }));
  // The invariant every caller relies on: nothing created, nothing lost.
  const sum = shares.reduce((s, x) => s + x.amountMinor, 0);
  if (sum !== totalMinor) throw new Error(`split of ${totalMinor} summed to ${sum}`);
  return shares;
}

/** Integer apportionment: floors, then one unit each to the largest remainders (ties: earlier first). */
function largestRemainder(totalMinor: number, weights: readonly number[]): number[] {
  const weightSum = weights.reduce((s, w) => s + w, 0);
  // BigInt: total × weight may pass 2^53 (1e9 × 50 000 does not, but the rule should not depend on it).
  const exact = weights.map((w) => BigInt(totalMinor) * BigInt(w));
  const floors = exact.map((e) => Number(e / BigInt(weightSum)));
  const remainders = exact.map((e, i) => ({ i, rest: e % BigInt(weightSum) }));
  let left = totalMinor - floors.reduce((s, f) => s + f, 0);
  remainders.sort((a, b) => (a.rest === b.rest ? a.i - b.i : a.rest > b.rest ? -1 : 1));
  for (const { i } of remainders) {
    if (left === 0) break;
    floors[i] = (floors[i] ?? 0) + 1;
    left -= 1;
  }
  return floors;
}

function checkParts(totalMinor: number, method: SplitMethod, parts: readonly SplitPart[]): void {
  if (parts.length === 0) throw new BadUserInput('INVALID_INPUT', 'An expense must be split among at least one member.', { field: 'split' });
  if (parts.length > MAX_SPLIT_PARTICIPANTS) {
    throw new BadUserInput('INVALID_INPUT', `An expense can be split among at most ${MAX_SPLIT_PARTICIPANTS} members.`, { field: 'split' });
  }
  if (new Set(parts.map((p) => p.userId)).size !== parts.length) {
    throw new BadUserInput('INVALID_INPUT', 'Each member may appear once in a split.', { field: 'split' });
  }
  if (method === 'SHARES' && parts.some((p) => !Number.isInteger(p.weight) || p.weight < 1 || p.weight > MAX_SHARES_PER_PARTICIPANT)) {
    throw new BadUserInput('INVALID_INPUT', `Shares must be whole numbers from 1 to ${MAX_SHARES_PER_PARTICIPANT}.`, { field: 'split' });
  }
  if (method === 'EXACT') {
    if (parts.some((p) => !Number.isInteger(p.weight) || p.weight < 0)) {
      throw new BadUserInput('INVALID_INPUT', 'Exact amounts must be whole, non-negative minor units.', { field: 'split' });
    }
    const sum = parts.reduce((s, p) => s + p.weight, 0);
    if (sum !== totalMinor) {
      throw new BadUserInput('SPLIT_NOT_TOTAL', `The exact amounts sum to ${sum} but the expense is ${totalMinor}; they must sum to the total.`, { field: 'split' });
    }
  }
}
