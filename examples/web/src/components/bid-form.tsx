import { usePlaceBid, type TaskView } from '@sx/react';
import { formatMoney, type BidDetailFragmentDoc, type FragmentType } from '@sx/sdk';
import type { FormEvent } from 'react';
import { ErrorMessage } from './error-message';
import { Field } from './field';

/** A tasker's offer on an open task, in the task's currency. */
export function BidForm({ task, onPlaced }: { task: TaskView; onPlaced: (bid: FragmentType<typeof BidDetailFragmentDoc>) => void }) {
  const { submit, loading, problem } = usePlaceBid(task, onPlaced);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    void submit(String(form.get('amount')), String(form.get('message')));
  }

  return (
    <form aria-labelledby="bid-heading" onSubmit={onSubmit}>
      <h3 id="bid-heading">Place a bid</h3>
      <Field label={`Your price (${task.budget.currency}; the budget is ${formatMoney(task.budget)})`}>
        {(id) => <input id={id} name="amount" inputMode="decimal" required />}
      </Field>
      <Field label="Message to the poster">{(id) => <textarea id={id} name="message" rows={2} maxLength={2000} />}</Field>
      <button type="submit" disabled={loading}>
        Place bid
      </button>
      <ErrorMessage message={problem} />
    </form>
  );
}
