import { PlaceBidDocument, type BidDetailFragmentDoc, type FragmentType } from '@sx/sdk';
import { useState, type FormEvent } from 'react';
import { formatMoney, parseAmountCents } from '../money';
import { retryWhileRetryable } from '../retry';
import { sx } from '../sx-client';
import type { TaskView } from '../task-view';
import { ErrorMessage } from './error-message';
import { Field } from './field';

/** A tasker's offer on an open task, in the task's currency. */
export function BidForm({ task, onPlaced }: { task: TaskView; onPlaced: (bid: FragmentType<typeof BidDetailFragmentDoc>) => void }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const amountCents = parseAmountCents(String(form.get('amount')));
    if (amountCents === null) return setError('Enter your price, like 45 or 44.50.');
    const message = String(form.get('message')).trim();
    setBusy(true);
    // A task posted seconds ago may not be known to bidding yet: the API says retryable.
    const res = await retryWhileRetryable(() =>
      sx.request(PlaceBidDocument, {
        input: { taskId: task.id, amount: { amount: amountCents, currency: task.budget.currency }, ...(message ? { message } : {}) },
      }),
    );
    setBusy(false);
    if (!res.ok) return setError(res.error.message);
    setError(null);
    onPlaced(res.data.placeBid);
  }

  return (
    <form aria-labelledby="bid-heading" onSubmit={submit}>
      <h3 id="bid-heading">Place a bid</h3>
      <Field label={`Your price (${task.budget.currency}; the budget is ${formatMoney(task.budget)})`}>
        {(id) => <input id={id} name="amount" inputMode="decimal" required />}
      </Field>
      <Field label="Message to the poster">{(id) => <textarea id={id} name="message" rows={2} maxLength={2000} />}</Field>
      <button type="submit" disabled={busy}>
        Place bid
      </button>
      <ErrorMessage message={error} />
    </form>
  );
}
