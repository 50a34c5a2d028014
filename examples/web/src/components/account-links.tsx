import { useMutation } from '@sx/react';
import { ResetPasswordDocument, VerifyEmailDocument } from '@sx/sdk';
import { useEffect, type FormEvent } from 'react';
import { ErrorMessage } from './error-message';
import { Field } from './field';

/** Opened from the sign-up email's link: confirms the address (the token is the proof; no sign-in). */
export function VerifyEmailPage({ token }: { token: string }) {
  const [verify, state] = useMutation(VerifyEmailDocument);
  useEffect(() => {
    void verify({ token });
  }, [verify, token]);
  return (
    <section aria-labelledby="verify-heading">
      <h2 id="verify-heading">Email address</h2>
      {state.data?.verifyEmail ? <p>Your email address is confirmed.</p> : null}
      <ErrorMessage message={state.error?.message ?? null} />
    </section>
  );
}

/** Opened from the reset email's link: a new password; every session of the account ends. */
export function ResetPasswordPage({ token }: { token: string }) {
  const [reset, state] = useMutation(ResetPasswordDocument);
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void reset({ input: { token, newPassword: String(new FormData(event.currentTarget).get('password')) } });
  }
  return (
    <section aria-labelledby="reset-heading">
      <h2 id="reset-heading">Choose a new password</h2>
      {state.data?.resetPassword ? (
        <p>Your password is changed. Sign in with it.</p>
      ) : (
        <form aria-label="Reset password" onSubmit={onSubmit}>
          <Field label="New password">{(id) => <input id={id} name="password" type="password" autoComplete="new-password" required />}</Field>
          <button type="submit" disabled={state.loading}>
            Set password
          </button>
        </form>
      )}
      <ErrorMessage message={state.error?.message ?? null} />
    </section>
  );
}
