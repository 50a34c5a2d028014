import path from 'node:path';
import { sql } from 'drizzle-orm';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { acceptBidAs, depositTo, eventually, gqlOk, placeBidAs, postTaskAs, signUpUser, type TestUser } from '@sx/testkit';
import { useStackDb } from '@sx/testkit/hooks';
import { BROWSER_TEST_MS, saveScreenshot } from '@sx/testkit/browser';
import { useAppInBrowser } from './browser-app.js';
import { dataOf, openDisputeAs, settledPayment, taskStep, viewTask } from './dispute-steps.js';

// The admin app (examples/admin, built by the test setup) in Debian's Chromium, against a gateway
// started here for the app's origin. Payout runs are seeded as rows (no money moves: a real run
// here would pay the payout tests' taskers while they watch). Screenshots land in
// test-results/admin/ (git-ignored); the assertions read the pages' text.

const SCREENSHOTS = path.resolve('test-results/admin');
const STEP_MS = 20_000;
/** Pages of the dispute queue turned at most while looking for one dispute. */
const MAX_QUEUE_PAGES = 10;
const db = useStackDb();
const app = useAppInBrowser('admin');

/** An admin: nothing grants the role through the API yet but the admin CLI, so the test sets it as that would. */
async function signUpAdmin(): Promise<TestUser> {
  const admin = await signUpUser({ roles: ['POSTER'], name: `Ada Admin ${Date.now().toString(36)}` });
  await db.execute(sql`UPDATE users.users SET roles = ARRAY['POSTER', 'ADMIN']::text[] WHERE id = ${admin.id}`);
  // An access token carries the roles of its sign-in: a new one for the API calls the test makes.
  const signedIn = await gqlOk<{ signIn: { accessToken: string } }>(
    `mutation($email: String!, $password: String!) { signIn(email: $email, password: $password) { accessToken } }`,
    { email: admin.email, password: admin.password },
  );
  return { ...admin, accessToken: signedIn.signIn.accessToken };
}

/** A finished payout run as the job records it, on a day no real run uses. */
async function seedRun(day: string, paidCount: number, totals: { amountMinor: number; currency: string }[]): Promise<void> {
  await db.execute(sql`INSERT INTO wallet.payout_runs (day, finished_at, paid_count, failed_count, pending_count, totals)
    VALUES (${day}, now(), ${paidCount}, 1, 0, ${JSON.stringify(totals)}::jsonb)`);
}

/** A task paid for and completed through the gateway: its release earns the platform a fee today. */
async function completeATask(): Promise<void> {
  const [poster, tasker] = await Promise.all([signUpUser({ roles: ['POSTER'] }), signUpUser({ roles: ['TASKER'] })]);
  await depositTo(poster, 20_000);
  const taskId = await postTaskAs(poster, { budget: 10_000 });
  await acceptBidAs(poster, await placeBidAs(tasker, taskId, 10_000));
  const status = () => gqlOk<{ task: { status: string } }>(`query($id: ID!) { task(id: $id) { status } }`, { id: taskId }, { token: poster.accessToken });
  await eventually(status, (d) => d.task.status === 'ASSIGNED', { what: 'the task assigned' });
  await gqlOk(`mutation($id: ID!) { markTaskDone(id: $id) { id } }`, { id: taskId }, { token: tasker.accessToken });
  await gqlOk(`mutation($id: ID!) { confirmTaskCompletion(id: $id) { id } }`, { id: taskId }, { token: poster.accessToken });
}

/** Today's fees in USD as analytics reports them (it follows the ledger by events, a moment behind). */
async function feesTodayUsd(admin: TestUser): Promise<number> {
  const data = await gqlOk<{ platformStats: { feesEarned: { amount: number; currency: string }[] } }>(`{ platformStats { feesEarned { amount currency } } }`, {}, { token: admin.accessToken });
  return data.platformStats.feesEarned.find((m) => m.currency === 'USD')?.amount ?? 0;
}

/**
 * The queue is oldest first, 20 a page, and other tests' disputes may come before this one:
 * turns pages ("Next disputes") until the card shows.
 */
async function findOnQueuePages(page: Page, card: Locator): Promise<void> {
  const queue = page.getByRole('region', { name: 'Disputes' });
  const firstCard = queue.getByRole('listitem').first();
  const next = queue.getByRole('button', { name: 'Next disputes' });
  for (let pages = 1; pages <= MAX_QUEUE_PAGES; pages++) {
    await firstCard.waitFor({ timeout: STEP_MS });
    if (await card.isVisible()) return;
    if (await next.isDisabled()) break;
    const shownBefore = await firstCard.getAttribute('aria-label');
    await next.click();
    await expect.poll(() => firstCard.getAttribute('aria-label', { timeout: 1_000 }).catch(() => null), { timeout: STEP_MS }).not.toBe(shownBefore);
  }
  await card.waitFor({ timeout: STEP_MS });
}

describe('the admin app in Chromium', () => {
  it("shows the platform's figures and today's fees in the earnings chart", { timeout: BROWSER_TEST_MS * 2 }, async () => {
    const admin = await signUpAdmin();
    await completeATask();
    // 10 % of 100.00: at least this much was earned today (other tests' tasks add to it).
    const fees = await eventually(() => feesTodayUsd(admin), (f) => f >= 1_000, { what: 'the fee in analytics', timeoutMs: 60_000 });
    const { page, guarded } = await app.open();
    await app.signIn(page, admin);
    const figures = page.getByRole('list', { name: 'Figures' });
    await figures.waitFor({ timeout: STEP_MS });
    // Other tests' fees in other currencies may be listed before the dollars (€987.00, £5.00, $51.01).
    expect(await figures.innerText()).toMatch(/Fees earned\s+(?:[^\n]*, )?\$[\d,]+\.\d\d/);
    const chart = page.getByRole('img', { name: 'Fees earned per day in USD' });
    await chart.waitFor({ timeout: STEP_MS });
    const today = new Date().toISOString().slice(0, 10);
    const bar = chart.locator(`g[data-day="${today}"] title`);
    // The chart shows the same figure as the API (or more, if another test completed a task since).
    const shown = Math.round(Number((await bar.textContent())?.replace(/^.*\$/, '').replace(/,/g, '')) * 100);
    expect(shown).toBeGreaterThanOrEqual(fees);
    // The default range: the last 30 days, one bar each.
    expect(await chart.locator('rect').count()).toBe(30);
    await saveScreenshot(page, SCREENSHOTS, 'dashboard');
    expect(guarded.offsite).toEqual([]);
    expect(guarded.errors).toEqual([]);
  });

  it('finds a user, suspends them with a reason and lifts the suspension', { timeout: BROWSER_TEST_MS }, async () => {
    const admin = await signUpAdmin();
    const name = `Sam Suspect ${Date.now().toString(36)}`;
    await signUpUser({ roles: ['TASKER'], name });
    const { page, guarded } = await app.open();
    await app.signIn(page, admin);
    await page.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name: 'Users' }).click();
    const find = page.getByRole('form', { name: 'Find users' });
    await find.getByLabel('Name or email').fill(name);
    await find.getByRole('button', { name: 'Search' }).click();
    const row = page.getByRole('row').filter({ hasText: name });
    await row.waitFor({ timeout: STEP_MS });
    expect(await row.innerText()).toContain('Active');

    const suspend = page.getByRole('form', { name: `Suspend ${name}` });
    await suspend.getByLabel('Reason').fill('Spam bids');
    await suspend.getByRole('button', { name: 'Suspend' }).click();
    await row.filter({ hasText: 'Suspended: Spam bids' }).waitFor({ timeout: STEP_MS });
    await saveScreenshot(page, SCREENSHOTS, 'user-suspended');

    await row.getByRole('button', { name: `Unsuspend ${name}` }).click();
    await row.filter({ hasText: 'Active' }).waitFor({ timeout: STEP_MS });
    expect(guarded.offsite).toEqual([]);
    expect(guarded.errors).toEqual([]);
  });

  it('shows the payout runs to an admin, newest first, with their counts and totals', { timeout: BROWSER_TEST_MS }, async () => {
    await seedRun('2040-03-01', 2, [{ amountMinor: 12_345, currency: 'USD' }]);
    await seedRun('2040-03-02', 3, [
      { amountMinor: 50_000, currency: 'USD' },
      { amountMinor: 990, currency: 'EUR' },
    ]);
    const admin = await signUpAdmin();
    const { page, guarded } = await app.open();
    await app.signIn(page, admin);
    await page.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name: 'Payout runs' }).click();
    const runs = page.getByRole('region', { name: 'Payout runs' });
    const newer = runs.getByRole('row').filter({ hasText: '2040-03-02' });
    await newer.waitFor({ timeout: STEP_MS });
    expect(await newer.innerText()).toMatch(/2040-03-02[\s\S]*\t3\t1\t0\t\$500\.00, €9\.90/);
    expect(await runs.getByRole('row').filter({ hasText: '2040-03-01' }).innerText()).toContain('$123.45');
    await saveScreenshot(page, SCREENSHOTS, 'payout-runs');
    expect(guarded.offsite).toEqual([]);
    expect(guarded.errors).toEqual([]);
  });

  it('shows a dispute opened through the API in the queue, and the admin resolves it with a split', { timeout: BROWSER_TEST_MS * 2 }, async () => {
    const admin = await signUpAdmin();
    // A title of its own: the queue's cards are named by their task's title.
    const title = `Shelves to dispute ${Date.now().toString(36)}`;
    const [poster, tasker] = await Promise.all([signUpUser({ roles: ['POSTER'] }), signUpUser({ roles: ['TASKER'] })]);
    await depositTo(poster, 8_000);
    const taskId = await postTaskAs(poster, { budget: 8_000, title });
    await acceptBidAs(poster, await placeBidAs(tasker, taskId, 8_000));
    await eventually(() => viewTask(poster, taskId), (t) => t.status === 'ASSIGNED', { what: 'the task assigned' });
    dataOf(await taskStep(tasker, 'markTaskDone', taskId));
    dataOf(await openDisputeAs(poster, taskId, 'POOR_QUALITY', 'Half the shelves are missing.'));

    const { page, guarded } = await app.open();
    await app.signIn(page, admin);
    await page.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name: 'Disputes' }).click();
    const card = page.getByRole('listitem', { name: `Dispute on ${title}` });
    await findOnQueuePages(page, card);
    expect(await card.innerText()).toMatch(/POOR_QUALITY: Half the shelves are missing\.[\s\S]*\$80\.00 held/);

    const form = page.getByRole('form', { name: `Resolve the dispute on ${title}` });
    await form.getByLabel('Refund to the poster').fill('30.00');
    await form.getByLabel('Release to the tasker').fill('50.00');
    await form.getByRole('button', { name: 'Resolve' }).click();
    // Resolved: the queue no longer lists it, and wallet split the escrow as decided.
    await card.waitFor({ state: 'detached', timeout: STEP_MS });
    const settled = await settledPayment(poster, taskId);
    expect(settled.status).toBe('COMPLETED');
    expect(settled.payment).toMatchObject({ status: 'SPLIT', refund: { amount: 3_000 }, fee: { amount: 500 } });
    await saveScreenshot(page, SCREENSHOTS, 'dispute-resolved');
    expect(guarded.offsite).toEqual([]);
    expect(guarded.errors).toEqual([]);
  });

  it('tells a signed-in user without the ADMIN role that the app is not for them', { timeout: BROWSER_TEST_MS }, async () => {
    const tasker = await signUpUser({ roles: ['TASKER'] });
    const { page, guarded } = await app.open();
    await app.signIn(page, tasker);
    const alert = page.getByRole('alert').filter({ hasText: 'is not an admin' });
    await alert.waitFor({ timeout: STEP_MS });
    expect(await page.getByRole('navigation', { name: 'Admin' }).count()).toBe(0);
    expect(guarded.offsite).toEqual([]);
  });
});
