import { useQuery } from '@sx/react';
import { formatMoney, PayoutRunsDocument } from '@sx/sdk';
import { PageButtons, usePageCursors } from './page-buttons';
import { ErrorMessage } from './shared-ui';

export const PAYOUT_RUNS_PAGE_SIZE = 20;

const when = (iso: string | null | undefined) => (iso ? new Date(iso).toLocaleString('en-GB', { timeZone: 'UTC' }) + ' UTC' : '—');

/** The daily payout job's runs, newest first, a page at a time (older pages by cursor, back by the pages seen). */
export function PayoutRuns() {
  const cursors = usePageCursors();
  const runs = useQuery(PayoutRunsDocument, { first: PAYOUT_RUNS_PAGE_SIZE, after: cursors.after });
  const page = runs.data?.payoutRuns;

  return (
    <section aria-label="Payout runs">
      <ErrorMessage message={runs.error?.message ?? null} />
      {runs.loading ? <p>Loading…</p> : null}
      {page && page.edges.length === 0 ? <p>No payout run yet.</p> : null}
      {page && page.edges.length > 0 ? (
        <table>
          <thead>
            <tr>
              <th>Day</th>
              <th>Started</th>
              <th>Finished</th>
              <th className="num">Paid</th>
              <th className="num">Failed</th>
              <th className="num">Pending</th>
              <th className="num">Total</th>
            </tr>
          </thead>
          <tbody>
            {page.edges.map(({ node }) => (
              <tr key={node.id}>
                <td>{node.day}</td>
                <td>{when(node.startedAt)}</td>
                <td>{node.finishedAt ? when(node.finishedAt) : 'not finished'}</td>
                <td className="num">{node.paidCount}</td>
                <td className="num">{node.failedCount}</td>
                <td className="num">{node.pendingCount}</td>
                <td className="num">{node.totals.length ? node.totals.map((t) => formatMoney(t, 'en-US')).join(', ') : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <PageButtons cursors={cursors} pageInfo={page?.pageInfo} backLabel="Newer runs" forwardLabel="Older runs" />
    </section>
  );
}
