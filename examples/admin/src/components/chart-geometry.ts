/** One day's amount, in minor units. */
export interface DayAmount {
  day: string;
  amountMinor: number;
}

export interface Bar extends DayAmount {
  x: number;
  y: number;
  width: number;
  height: number;
  /** Every day's label would overlap past a dozen bars: only every n-th is drawn. */
  showLabel: boolean;
}

const GAP_RATIO = 0.2;
const MAX_LABELS = 12;

/**
 * Where each day's bar goes in a `width` × `height` box with `labelHeight` kept for the day
 * labels: equal widths, heights in proportion to the largest amount (a zero day has no bar).
 */
export function chartBars(days: readonly DayAmount[], box: { width: number; height: number; labelHeight: number }): Bar[] {
  if (days.length === 0) return [];
  const plotHeight = box.height - box.labelHeight;
  const slot = box.width / days.length;
  const largest = Math.max(...days.map((d) => d.amountMinor), 1);
  const labelEvery = Math.ceil(days.length / MAX_LABELS);
  return days.map((d, i) => {
    const height = (Math.max(d.amountMinor, 0) / largest) * plotHeight;
    return {
      ...d,
      x: i * slot + (slot * GAP_RATIO) / 2,
      y: plotHeight - height,
      width: slot * (1 - GAP_RATIO),
      height,
      showLabel: i % labelEvery === 0,
    };
  });
}
