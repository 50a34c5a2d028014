import { useSession } from '@sx/react';
import type { Role } from '@sx/sdk';
import { useState, type FormEvent } from 'react';
import { ErrorMessage } from './error-message';
import { Field } from './field';

/** Sign in, or create an account; either way the SDK keeps the session in localStorage. */
export function AuthScreen() {
  return (
    <main className="auth">
      <SignInForm />
      <SignUpForm />
    </main>
  );
}

function SignInForm() {
  const { signIn } = useSession();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    const result = await signIn({ email: String(form.get('email')), password: String(form.get('password')) });
    setBusy(false);
    if (!result.ok) setError(result.error.message);
  }

  return (
    <form aria-labelledby="sign-in-heading" onSubmit={submit}>
      <h2 id="sign-in-heading">Sign in</h2>
      <Field label="Email">{(id) => <input id={id} name="email" type="email" autoComplete="username" required />}</Field>
      <Field label="Password">{(id) => <input id={id} name="password" type="password" autoComplete="current-password" required />}</Field>
      <button type="submit" disabled={busy}>
        Sign in
      </button>
      <ErrorMessage message={error} />
    </form>
  );
}

function SignUpForm() {
  const { signUp } = useSession();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const roles = form.getAll('roles').map(String) as Role[];
    if (roles.length === 0) return setError('Choose at least one: posting tasks or doing them.');
    setBusy(true);
    const result = await signUp({ name: String(form.get('name')), email: String(form.get('email')), password: String(form.get('password')), roles });
    setBusy(false);
    if (!result.ok) setError(result.error.message);
  }

  return (
    <form aria-labelledby="sign-up-heading" onSubmit={submit}>
      <h2 id="sign-up-heading">Create an account</h2>
      <Field label="Name">{(id) => <input id={id} name="name" autoComplete="name" required />}</Field>
      <Field label="Email">{(id) => <input id={id} name="email" type="email" autoComplete="email" required />}</Field>
      <Field label="Password (at least 10 characters)">
        {(id) => <input id={id} name="password" type="password" autoComplete="new-password" minLength={10} required />}
      </Field>
      <fieldset>
        <legend>I want to</legend>
        <label>
          <input type="checkbox" name="roles" value="POSTER" defaultChecked /> post tasks
        </label>
        <label>
          <input type="checkbox" name="roles" value="TASKER" defaultChecked /> do tasks
        </label>
      </fieldset>
      <button type="submit" disabled={busy}>
        Sign up
      </button>
      <ErrorMessage message={error} />
    </form>
  );
}
