import { TASK_CATEGORIES, usePostTask } from '@sx/react';
import type { TaskCategory } from '@sx/sdk';
import type { FormEvent } from 'react';
import { DEFAULT_PLACE } from '../config';
import { navigate } from '../router';
import { CurrencyField } from './currency-field';
import { ErrorMessage } from './error-message';
import { Field } from './field';
import { PlaceFields } from './nearby-tasks';

/** Posts a task at a place and opens its page, where the bids will arrive. */
export function PostTask() {
  const { submit, loading, problem } = usePostTask();

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const taskId = await submit({
      title: String(form.get('title')),
      description: String(form.get('description')),
      category: String(form.get('category')) as TaskCategory,
      budgetText: String(form.get('budget')),
      currency: String(form.get('currency')),
      place: { lat: Number(form.get('lat')), lng: Number(form.get('lng')), address: String(form.get('address')) },
    });
    if (taskId) navigate({ name: 'task', taskId });
  }

  return (
    <form aria-labelledby="post-heading" onSubmit={onSubmit}>
      <h2 id="post-heading">Post a task</h2>
      <Field label="Title">{(id) => <input id={id} name="title" required minLength={3} maxLength={120} />}</Field>
      <Field label="Description">{(id) => <textarea id={id} name="description" rows={3} />}</Field>
      <Field label="Category">
        {(id) => (
          <select id={id} name="category" defaultValue="HANDYMAN">
            {TASK_CATEGORIES.map((c) => (
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
      <ErrorMessage message={problem} />
    </form>
  );
}
