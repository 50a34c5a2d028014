import { useMutation, useQuery } from '@sx/react';
import { AdminDisputeQueueDocument, AdminResolveDisputeDocument, formatMoney, parseAmountCents, type AdminDisputeQueueQuery } from '@sx/sdk';
import { useState, type FormEvent } from 'react';
import { ErrorMessage, Field } from './shared-ui';

export const DISPUTES_PAGE_SIZE = 20;

type DisputedTask = AdminDisputeQueueQuery['tasks']['edges'][number]['node'];

/** "0" is a valid side of a split; anything else must be a positive amount. */
const centsOrZero = (text: string): number | null => (/^\s*0*([.,]0{0,2})?\s*$/.test(text) ? 0 : parseAmountCents(text));

/** Open disputes (tasks DISPUTED), oldest page first, each with its decision form. */
export function DisputeQueue() {
  const queue = useQuery(AdminDisputeQueueDocument, { first: DISPUTES_PAGE_SIZE });
  const tasks = (queue.data?.tasks.edges ?? []).map((e) => e.node).filter((t) => t.dispute?.status === 'OPEN');
  return (
    <section aria-label="Disputes">
      <ErrorMessage message={queue.error?.message ?? null} />
      {queue.loading ? <p>Loading…</p> : null}
      {queue.data && tasks.length === 0 ? <p>No open dispute.</p> : null}
      <ul className="cards">
        {tasks.map((t) => (
          <DisputeCard key={t.id} task={t} onResolved={() => void queue.refresh()} />
        ))}
      </ul>
    </section>
  );
}

function DisputeCard({ task, onResolved }: { task: DisputedTask; onResolved: () => void }) {
  const [resolve, resolving] = useMutation(AdminResolveDisputeDocument);
  const [problem, setProblem] = useState<string | null>(null);
  const dispute = task.dispute;
  const held = task.payment?.amount;
  if (!dispute || !held) return null;

  async function onSplit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!dispute || !held) return;
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
    if (!dispute) return;
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
