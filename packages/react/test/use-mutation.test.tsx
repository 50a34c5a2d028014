// @vitest-environment jsdom
import { useMutation } from '@sx/react';
import { DepositDocument, getFragmentData, newIdempotencyKey, WalletSummaryFragmentDoc } from '@sx/sdk';
import { signUpUser } from '@sx/testkit';
import { describe, expect, it } from 'vitest';
import { renderHook, testClient } from './render.js';

const deposit = (amount: number) => ({ input: { amount: { amount, currency: 'GBP' }, idempotencyKey: newIdempotencyKey() } });

describe('useMutation', () => {
  it('is loading while under way, then holds the answer; a refusal becomes its error and keeps the last answer; reset forgets both', async () => {
    const sx = testClient();
    const signedIn = await sx.signIn(await signUpUser({ name: 'Mona Mutation' }));
    expect(signedIn.ok).toBe(true);
    const view = await renderHook(sx, () => useMutation(DepositDocument));
    expect(view.current()[1]).toMatchObject({ data: null, error: null, loading: false });

    const done = await view.current()[0](deposit(2500));

    expect(done.ok).toBe(true);
    expect(view.history.some(([, state]) => state.loading)).toBe(true);
    const [, answered] = await view.until(([, state]) => !state.loading && state.data !== null);
    expect(getFragmentData(WalletSummaryFragmentDoc, answered.data?.deposit.wallet)?.available).toEqual({ amount: 2500, currency: 'GBP' });

    const refused = await view.current()[0](deposit(-1));

    expect(refused.ok || refused.error.code).toBe('BAD_USER_INPUT');
    const [, failed] = await view.until(([, state]) => state.error !== null && !state.loading);
    expect(failed.error?.code).toBe('BAD_USER_INPUT');
    expect(failed.data).toBe(answered.data);

    view.current()[1].reset();
    await view.until(([, state]) => state.error === null && state.data === null);
    view.unmount();
  });

  it('answers UNAUTHENTICATED for a signed-out caller, through the same state', async () => {
    const view = await renderHook(testClient(), () => useMutation(DepositDocument));
    const result = await view.current()[0](deposit(100));
    expect(result.ok || result.error.code).toBe('UNAUTHENTICATED');
    await view.until(([, state]) => state.error?.code === 'UNAUTHENTICATED' && !state.loading);
    view.unmount();
  });
});
