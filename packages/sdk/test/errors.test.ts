import { stackInfo } from '@sx/testkit';
import { describe, expect, it } from 'vitest';
import { createClient, PlaceBidDocument, SxError, TaskBidsDocument, WithdrawBidDocument } from '../src/index.js';
import { postTask, signedUpClient } from './harness.js';

// Errors come back as values: `{ ok: false, error }` with the API's extensions.code, never a throw.

describe('typed errors', () => {
  it('returns BAD_USER_INPUT for a bid with a negative amount, and no bid is placed', async () => {
    const poster = await signedUpClient('Betty Budget');
    const tasker = await signedUpClient('Ned Negative');
    const taskId = await postTask(poster.sx);

    const res = await tasker.sx.request(PlaceBidDocument, { input: { taskId, amount: { amount: -500, currency: 'EUR' } } });

    expect(res.ok).toBe(false);
    if (res.ok) return;
    expect(res.error).toBeInstanceOf(SxError);
    expect(res.error).toMatchObject({ code: 'BAD_USER_INPUT', path: ['placeBid'], status: 200 });
    expect(res.error.extensions.code).toBe('BAD_USER_INPUT');
    expect(res.error.message).toMatch(/amount/);
    expect(res.errors).toHaveLength(1);
    expect(res.partial).toBeNull();
    const bids = await poster.sx.request(TaskBidsDocument, { taskId });
    expect(bids.ok && bids.data.task).toMatchObject({ bidCount: 0, bids: { edges: [] } });
  });

  it('returns NOT_FOUND for a bid that does not exist', async () => {
    const { sx } = await signedUpClient('Walt Withdraw');
    const res = await sx.request(WithdrawBidDocument, { id: '00000000-0000-4000-8000-000000000000' });
    expect(res.ok ? 'ok' : res.error.code).toBe('NOT_FOUND');
  });

  it('returns UNAUTHENTICATED for a signed-out caller of a mutation that needs a session', async () => {
    const poster = await signedUpClient('Sue Session');
    const taskId = await postTask(poster.sx);
    const anonymous = createClient({ url: stackInfo().gatewayUrl });
    const res = await anonymous.request(PlaceBidDocument, { input: { taskId, amount: { amount: 500, currency: 'EUR' } } });
    expect(res.ok ? 'ok' : res.error.code).toBe('UNAUTHENTICATED');
  });

  it('returns NETWORK_ERROR when the server cannot be reached', async () => {
    const sx = createClient({ url: 'http://127.0.0.1:9/graphql' });
    const res = await sx.request(TaskBidsDocument, { taskId: 'x' });
    expect(res.ok ? 'ok' : res.error.code).toBe('NETWORK_ERROR');
    expect(res.ok ? undefined : res.error.status).toBeUndefined();
  });

  it('returns ABORTED when the caller cancels the request', async () => {
    const { sx } = await signedUpClient('Abe Abort');
    const controller = new AbortController();
    controller.abort();
    const res = await sx.request(TaskBidsDocument, { taskId: 'x' }, { signal: controller.signal });
    expect(res.ok ? 'ok' : res.error.code).toBe('ABORTED');
  });
});
