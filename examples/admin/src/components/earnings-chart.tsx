import { formatMoney } from '@sx/sdk';
import { chartBars, type DayAmount } from './chart-geometry';

const WIDTH = 640;
const HEIGHT = 200;
// Room either side for the first and last day labels, which are centred under their bars.
const LABEL_MARGIN = 16;

/**
 * Earnings by day as plain SVG bars (no chart library: a few rectangles do not need one). Every
 * bar has a <title>, so the figures are readable without the picture.
 */
export function EarningsChart({ days, currency, label }: { days: DayAmount[]; currency: string; label: string }) {
  const bars = chartBars(days, { width: WIDTH, height: HEIGHT, labelHeight: 18 });
  return (
    <svg className="chart" role="img" aria-label={label} viewBox={`${-LABEL_MARGIN} 0 ${WIDTH + 2 * LABEL_MARGIN} ${HEIGHT}`} width="100%" preserveAspectRatio="xMidYMid meet">
      {bars.map((b) => (
        <g key={b.day} data-day={b.day}>
          <rect x={b.x} y={b.y} width={b.width} height={b.height}>
            <title>{`${b.day}: ${formatMoney({ amount: b.amountMinor, currency }, 'en-US')}`}</title>
          </rect>
          {b.showLabel ? (
            <text x={b.x + b.width / 2} y={HEIGHT - 4} textAnchor="middle">
              {b.day.slice(5)}
            </text>
          ) : null}
        </g>
      ))}
    </svg>
  );
}
