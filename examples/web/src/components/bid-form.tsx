import { useMutation, type TaskView } from '@sx/react';
import { formatMoney, parseAmountCents, PlaceBidDocument, type BidDetailFragmentDoc, type FragmentType } from '@sx/sdk';
import { useState, type FormEvent } from 'react';
import { ErrorMessage } from './error-message';
import { Field } from './field';

/** A tasker's offer on an open task, in the task's currency. */
export function BidForm({ task, onPlaced }: { task: TaskView; onPlaced: (bid: FragmentType<typeof BidDetailFragmentDoc>) => void }) {
  const [invalid, setInvalid] = useState<string | null>(null);
  // A task posted seconds ago may not be known to bidding yet: the API says retryable.
  const [placeBid, { loading, error }] = useMutation(PlaceBidDocument, { retryWhileRetryable: true });

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const amountCents = parseAmountCents(String(form.get('amount')));
    setInvalid(amountCents === null ? 'Enter your price, like 45 or 44.50.' : null);
    if (amountCents === null) return;
    const message = String(form.get('message')).trim();
    const res = await placeBid({ input: { taskId: task.id, amount: { amount: amountCents, currency: task.budget.currency }, ...(message ? { message } : {}) } });
    if (res.ok) onPlaced(res.data.placeBid);
  }

  return (
    <form aria-labelledby="bid-heading" onSubmit={submit}>
      <h3 id="bid-heading">Place a bid</h3>
      <Field label={`Your price (${task.budget.currency}; the budget is ${formatMoney(task.budget)})`}>
        {(id) => <input id={id} name="amount" inputMode="decimal" required />}
      </Field>
      <Field label="Message to the poster">{(id) => <textarea id={id} name="message" rows={2} maxLength={2000} />}</Field>
      <button type="submit" disabled={loading}>
        Place bid
      </button>
      <ErrorMessage message={invalid ?? error?.message ?? null} />
    </form>
  );
}
