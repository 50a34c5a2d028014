import { useMutation, useQuery } from '@sx/react';
import { AdminDisputeQueueDocument, AdminResolveDisputeDocument, formatMoney, parseAmountCents, type AdminDisputeQueueQuery } from '@sx/sdk';
import { useState, type FormEvent } from 'react';
import { PageButtons, usePageCursors } from './page-buttons';
import { ErrorMessage, Field } from './shared-ui';

export const DISPUTES_PAGE_SIZE = 20;

type OpenDispute = AdminDisputeQueueQuery['openDisputes']['edges'][number]['node'];

/** "0" is a valid side of a split; anything else must be a positive amount. */
const centsOrZero = (text: string): number | null => (/^\s*0*([.,]0{0,2})?\s*$/.test(text) ? 0 : parseAmountCents(text));

/** Open disputes, oldest first, a page at a time (later pages by cursor, back by the pages seen), each with its decision form. */
export function DisputeQueue() {
  const cursors = usePageCursors();
  const queue = useQuery(AdminDisputeQueueDocument, { first: DISPUTES_PAGE_SIZE, after: cursors.after });
  const page = queue.data?.openDisputes;
  const disputes = (page?.edges ?? []).map((e) => e.node);
  return (
    <section aria-label="Disputes">
      <ErrorMessage message={queue.error?.message ?? null} />
      {queue.loading ? <p>Loading…</p> : null}
      {page && disputes.length === 0 ? <p>{cursors.onFirstPage ? 'No open dispute.' : 'No more open disputes.'}</p> : null}
      <ul className="cards">
        {disputes.map((d) => (
          <DisputeCard key={d.id} dispute={d} onResolved={() => void queue.refresh()} />
        ))}
      </ul>
      <PageButtons cursors={cursors} pageInfo={page?.pageInfo} backLabel="Previous disputes" forwardLabel="Next disputes" />
    </section>
  );
}

function DisputeCard({ dispute, onResolved }: { dispute: OpenDispute; onResolved: () => void }) {
  const [resolve, resolving] = useMutation(AdminResolveDisputeDocument);
  const [problem, setProblem] = useState<string | null>(null);
  const task = dispute.task;
  const held = task.payment?.amount;
  if (!held) return null;

  async function onSplit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!held) return;
    const form = new FormData(event.currentTarget);
    const refund = centsOrZero(String(form.get('refund')));
    const release = centsOrZero(String(form.get('release')));
    if (refund === null || release === null) return setProblem('Amounts are numbers with at most two decimals, e.g. 12.50 (0 for none).');
    if (refund + release !== held.amount) return setProblem(`Refund and release must add up to the held ${formatMoney(held, 'en-US')}.`);
    setProblem(null);
    const result = await resolve({ input: { disputeId: dispute.id, refundAmount: { amount: refund, currency: held.currency }, releaseAmount: { amount: release, currency: held.currency } } });
    if (result.ok) onResolved();
  }

  async function onDismiss() {
    if ((await resolve({ input: { disputeId: dispute.id, dismiss: true } })).ok) onResolved();
  }

  return (
    <li className="card" aria-label={`Dispute on ${task.title}`}>
      <h3>{task.title}</h3>
      <p>
        {dispute.reason}: {dispute.details} — opened by {dispute.openedBy.name}, {formatMoney(held, 'en-US')} held.
      </p>
      <form aria-label={`Resolve the dispute on ${task.title}`} className="inline" onSubmit={(e) => void onSplit(e)}>
        <Field label="Refund to the poster">{(id) => <input id={id} name="refund" inputMode="decimal" defaultValue="0" required />}</Field>
        <Field label="Release to the tasker">{(id) => <input id={id} name="release" inputMode="decimal" defaultValue={(held.amount / 100).toFixed(2)} required />}</Field>
        <button type="submit" disabled={resolving.loading}>
          Resolve
        </button>
        <button type="button" disabled={resolving.loading} onClick={() => void onDismiss()}>
          Dismiss
        </button>
      </form>
      <ErrorMessage message={problem ?? resolving.error?.message ?? null} />
    </li>
  );
}
