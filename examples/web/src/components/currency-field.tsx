import { CURRENCIES } from '@sx/sdk';
import { Field } from './field';

/** A labelled choice of the currencies the API supports (form field `currency`). */
export function CurrencyField({ label }: { label: string }) {
  return (
    <Field label={label}>
      {(id) => (
        <select id={id} name="currency" defaultValue="EUR">
          {CURRENCIES.map((c) => (
            <option key={c}>{c}</option>
          ))}
        </select>
      )}
    </Field>
  );
}
