import { useMutation } from '@sx/react';
import { parseAmountCents, PostTaskDocument, type TaskCategory } from '@sx/sdk';
import { useState, type FormEvent } from 'react';
import { DEFAULT_PLACE } from '../config';
import { navigate } from '../router';
import { CurrencyField } from './currency-field';
import { ErrorMessage } from './error-message';
import { Field } from './field';
import { PlaceFields } from './nearby-tasks';

const CATEGORIES: TaskCategory[] = ['CLEANING', 'MOVING', 'HANDYMAN', 'DELIVERY', 'GARDENING', 'TECH', 'OTHER'];

/** Posts a task at a place and opens its page, where the bids will arrive. */
export function PostTask() {
  const [invalid, setInvalid] = useState<string | null>(null);
  const [postTask, { loading, error }] = useMutation(PostTaskDocument);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const budgetCents = parseAmountCents(String(form.get('budget')));
    setInvalid(budgetCents === null ? 'Enter a budget, like 50 or 49.90.' : null);
    if (budgetCents === null) return;
    const description = String(form.get('description')).trim();
    const address = String(form.get('address')).trim();
    const res = await postTask({
      input: {
        title: String(form.get('title')),
        ...(description ? { description } : {}),
        category: String(form.get('category')) as TaskCategory,
        budget: { amount: budgetCents, currency: String(form.get('currency')) },
        location: { lat: Number(form.get('lat')), lng: Number(form.get('lng')), ...(address ? { address } : {}) },
      },
    });
    if (res.ok) navigate({ name: 'task', taskId: res.data.postTask.id });
  }

  return (
    <form aria-labelledby="post-heading" onSubmit={submit}>
      <h2 id="post-heading">Post a task</h2>
      <Field label="Title">{(id) => <input id={id} name="title" required minLength={3} maxLength={120} />}</Field>
      <Field label="Description">{(id) => <textarea id={id} name="description" rows={3} />}</Field>
      <Field label="Category">
        {(id) => (
          <select id={id} name="category" defaultValue="HANDYMAN">
            {CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {c.toLowerCase()}
              </option>
            ))}
          </select>
        )}
      </Field>
      <div className="inline">
        <Field label="Budget">{(id) => <input id={id} name="budget" inputMode="decimal" required />}</Field>
        <CurrencyField label="Budget currency" />
      </div>
      <div className="inline">
        <PlaceFields place={DEFAULT_PLACE} />
        <Field label="Address">{(id) => <input id={id} name="address" autoComplete="street-address" />}</Field>
      </div>
      <button type="submit" disabled={loading}>
        Post task
      </button>
      <ErrorMessage message={invalid ?? error?.message ?? null} />
    </form>
  );
}
