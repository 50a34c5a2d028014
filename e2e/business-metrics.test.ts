import { describe, expect, it } from 'vitest';
import { acceptBidAs, depositTo, eventually, gql, placeBidAs, postTaskAs, serviceMetric, signUpUser } from '@sx/testkit';

/** A counter of a service, over all its instances (0 when the series does not exist yet). */
const sample = (service: string, name: string, labels: string[] = []) => serviceMetric(service, name, labels);

// Other test files use the same stack at the same time: each check is on this test's own
// contribution (at least its amount more than before), never on an absolute value.
describe('business metrics', () => {
  it('counts sign-ups by outcome, tasks posted, bids placed, money moved by kind and currency, escrow held and notifications sent', async () => {
    const refusedBefore = await sample('users', 'sx_signups_total', ['outcome="WEAK_PASSWORD"']);
    const weak = await gql('mutation($input: SignUpInput!) { signUp(input: $input) { accessToken } }', { input: { email: `weak${Date.now()}@example.test`, password: 'short', name: 'Weak', roles: ['POSTER'] } });
    expect(weak.errors?.[0]?.extensions?.reason).toBe('WEAK_PASSWORD');
    expect(await sample('users', 'sx_signups_total', ['outcome="WEAK_PASSWORD"'])).toBe(refusedBefore + 1);

    const okBefore = await sample('users', 'sx_signups_total', ['outcome="ok"']);
    const poster = await signUpUser({ roles: ['POSTER'] });
    const tasker = await signUpUser({ roles: ['TASKER'] });
    expect(await sample('users', 'sx_signups_total', ['outcome="ok"'])).toBeGreaterThanOrEqual(okBefore + 2);

    const depositedBefore = await sample('wallet', 'sx_money_moved_minor_total', ['kind="deposited"', 'currency="EUR"']);
    const heldBefore = await sample('wallet', 'sx_money_moved_minor_total', ['kind="escrow_held"', 'currency="EUR"']);
    const postedBefore = await sample('tasks', 'sx_domain_events_total', ['type="tasks.task.posted"']);
    const bidsBefore = await sample('bids', 'sx_domain_events_total', ['type="bids.bid.placed"']);
    const notifiedBefore = await sample('notifications', 'sx_domain_events_total', ['type="notifications.notification.created"']);

    await depositTo(poster, 12_345, 'EUR');
    const taskId = await postTaskAs(poster, { budget: 7_000, currency: 'EUR' });
    const bidId = await placeBidAs(tasker, taskId, 6_789, 'EUR');
    await acceptBidAs(poster, bidId);

    // Counted when the relay publishes the committed events, so they show up shortly after.
    await eventually(() => sample('wallet', 'sx_money_moved_minor_total', ['kind="deposited"', 'currency="EUR"']), (v) => v >= depositedBefore + 12_345, { what: 'the deposit counted' });
    await eventually(() => sample('tasks', 'sx_domain_events_total', ['type="tasks.task.posted"']), (v) => v >= postedBefore + 1, { what: 'the task counted' });
    await eventually(() => sample('bids', 'sx_domain_events_total', ['type="bids.bid.placed"']), (v) => v >= bidsBefore + 1, { what: 'the bid counted' });
    await eventually(() => sample('wallet', 'sx_money_moved_minor_total', ['kind="escrow_held"', 'currency="EUR"']), (v) => v >= heldBefore + 6_789, { what: 'the escrow hold counted' });
    // Escrow now, from the ledger: at least this payment's hold.
    expect(await serviceMetric('wallet', 'sx_escrow_held_minor', ['currency="EUR"'], 'max')).toBeGreaterThanOrEqual(6_789);
    // The poster hears of the bid, the tasker of the acceptance: notifications the service sent.
    await eventually(() => sample('notifications', 'sx_domain_events_total', ['type="notifications.notification.created"']), (v) => v >= notifiedBefore + 2, { what: 'the notifications counted' });
    // The saga's steps were timed (wallet handled bids.bid.accept_requested).
    expect(await sample('wallet', 'sx_saga_step_seconds_count', ['type="bids.bid.accept_requested"'])).toBeGreaterThanOrEqual(1);
  }, 120_000);
});
