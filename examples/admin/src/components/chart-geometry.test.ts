import { describe, expect, it } from 'vitest';
import { chartBars } from './chart-geometry';

const box = { width: 300, height: 120, labelHeight: 20 };

describe('chartBars', () => {
  it('gives each day an equal slot and heights in proportion to the largest amount', () => {
    const bars = chartBars(
      [
        { day: '2026-12-01', amountMinor: 500 },
        { day: '2026-12-02', amountMinor: 1_000 },
        { day: '2026-12-03', amountMinor: 0 },
      ],
      box,
    );
    expect(bars.map((b) => [b.x, b.width])).toEqual([
      [10, 80],
      [110, 80],
      [210, 80],
    ]);
    expect(bars.map((b) => [b.y, b.height])).toEqual([
      [50, 50],
      [0, 100],
      [100, 0],
    ]);
  });

  it('labels at most a dozen days', () => {
    const days = Array.from({ length: 30 }, (_, i) => ({ day: `2026-11-${String(i + 1).padStart(2, '0')}`, amountMinor: i }));
    const labelled = chartBars(days, box).filter((b) => b.showLabel);
    expect(labelled.length).toBeLessThanOrEqual(12);
    expect(labelled[0]?.day).toBe('2026-11-01');
  });

  it('draws nothing for no days', () => {
    expect(chartBars([], box)).toEqual([]);
  });
});
