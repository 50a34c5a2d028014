import { useQuery } from '@sx/react';
import { AdminDashboardDocument, formatMoney } from '@sx/sdk';
import { useMemo, useState } from 'react';
import { EarningsChart } from './earnings-chart';
import { earningsSeries } from './earnings-series';
import { ErrorMessage } from './shared-ui';

const RANGES = { 7: 'Last 7 days', 30: 'Last 30 days', 90: 'Last 90 days' } as const;
type RangeDays = keyof typeof RANGES;

const DAY_MS = 86_400_000;
const money = (list: readonly { amount: number; currency: string }[]) => (list.length ? list.map((m) => formatMoney(m, 'en-US')).join(', ') : '—');

/** The platform's figures over a range of whole UTC days ending today, and the fees earned per day. */
export function Dashboard() {
  const [rangeDays, setRangeDays] = useState<RangeDays>(30);
  // Whole UTC days, fixed per range choice: the query's variables must not change on every render.
  const range = useMemo(() => {
    const startOfToday = Math.floor(Date.now() / DAY_MS) * DAY_MS;
    return { from: new Date(startOfToday - (rangeDays - 1) * DAY_MS).toISOString(), to: new Date(startOfToday + DAY_MS).toISOString() };
  }, [rangeDays]);
  const stats = useQuery(AdminDashboardDocument, range);
  const s = stats.data?.platformStats;
  const series = s ? earningsSeries(s.earningsByDay, { from: range.from, days: rangeDays }) : [];

  return (
    <section aria-label="Dashboard">
      <label>
        Range{' '}
        <select value={rangeDays} onChange={(e) => setRangeDays(Number(e.target.value) as RangeDays)}>
          {Object.entries(RANGES).map(([days, label]) => (
            <option key={days} value={days}>
              {label}
            </option>
          ))}
        </select>
      </label>
      <ErrorMessage message={stats.error?.message ?? null} />
      {stats.loading ? <p>Loading…</p> : null}
      {s ? (
        <>
          <ul className="stats" aria-label="Figures">
            <li>
              Fees earned <strong>{money(s.feesEarned)}</strong>
            </li>
            <li>
              Volume <strong>{money(s.volume)}</strong>
            </li>
            <li>
              Sign-ups <strong>{s.signUps}</strong>
            </li>
            <li>
              Tasks posted <strong>{s.tasksPosted}</strong>
            </li>
            <li>
              Bids placed <strong>{s.bidsPlaced}</strong>
            </li>
            <li>
              Completion rate <strong>{s.completionRate === null || s.completionRate === undefined ? '—' : `${Math.round(s.completionRate * 100)} %`}</strong>
            </li>
          </ul>
          <h3>Earnings by day</h3>
          {series.length === 0 ? (
            <p>No fees earned in this range.</p>
          ) : (
            series.map(({ currency, days }) => <EarningsChart key={currency} currency={currency} days={days} label={`Fees earned per day in ${currency}`} />)
          )}
        </>
      ) : null}
    </section>
  );
}
