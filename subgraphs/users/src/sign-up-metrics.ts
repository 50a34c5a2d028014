import { Counter, type Registry } from 'prom-client';
import { DomainError } from '@sx/core';

export type SignUpCounter = Counter<'outcome'>;

/** `sx_signups_total{outcome}`: ok, or the refusal's catalogued reason (a bounded set); `error` for anything else. */
export function signUpCounter(registry: Registry): SignUpCounter {
  return new Counter({
    name: 'sx_signups_total',
    help: 'Sign-up attempts, by outcome: ok, the refusal reason (WEAK_PASSWORD, TOO_MANY_SIGN_UPS, …), or error',
    labelNames: ['outcome'],
    registers: [registry],
  });
}

/** Runs one sign-up and counts how it ended. */
export async function countedSignUp<T>(counter: SignUpCounter, run: () => Promise<T>): Promise<T> {
  try {
    const result = await run();
    counter.inc({ outcome: 'ok' });
    return result;
  } catch (err) {
    counter.inc({ outcome: err instanceof DomainError ? err.reason : 'error' });
    throw err;
  }
}
