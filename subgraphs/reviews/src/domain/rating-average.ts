/** A user's received ratings as kept in `reviews.ratings`: how many and their sum. */
export interface RatingTotals {
  count: number;
  sum: number;
}

export const NO_RATINGS: RatingTotals = { count: 0, sum: 0 };

/** A user's rating as shown (User.rating): the rounded mean, null before the first review. */
export interface Rating {
  average: number | null;
  count: number;
}

/**
 * The mean rounded half up to two decimals, null before the first review. Rounded in integer
 * hundredths (sum × 100 / count), so a true .xx5 is not lost to binary floating point.
 */
export function ratingOf(totals: RatingTotals): Rating {
  const { count, sum } = totals;
  if (!Number.isInteger(count) || !Number.isInteger(sum) || count < 0 || sum < count || sum > 5 * count) {
    throw new Error(`impossible rating totals: count ${count}, sum ${sum}`);
  }
  if (count === 0) return { average: null, count: 0 };
  return { average: Math.round((sum * 100) / count) / 100, count };
}
