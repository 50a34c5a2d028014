import { useSession } from '@sx/react';
import { useState, type FormEvent } from 'react';
import { ErrorMessage, Field } from './shared-ui';

/** Admins sign in with their ordinary account; there is no sign-up here. */
export function SignIn() {
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
    <main>
      <form aria-labelledby="sign-in-heading" onSubmit={submit}>
        <h2 id="sign-in-heading">Sign in</h2>
        <Field label="Email">{(id) => <input id={id} name="email" type="email" autoComplete="username" required />}</Field>
        <Field label="Password">{(id) => <input id={id} name="password" type="password" autoComplete="current-password" required />}</Field>
        <button type="submit" disabled={busy}>
          Sign in
        </button>
        <ErrorMessage message={error} />
      </form>
    </main>
  );
}
