import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { signUpUser, type TestUser } from '@sx/testkit';
import { BROWSER_TEST_MS, saveScreenshot } from '@sx/testkit/browser';
import { useAppInBrowser } from './browser-app.js';
import { decodedWidth, pngOf } from './test-images.js';

// The household story in the example web app, two people in two browsers: Hana starts a
// household and invites Max by email; Max joins; Hana posts a chore for Max with a reward; Max
// does it, Hana confirms, and the points show on the leaderboard; Hana records shared costs, one
// with a photo of its receipt that Max sees decoded; Max pays one share and settles the rest by
// in-app wallet transfers until everyone is even.

const SCREENSHOTS = path.resolve('test-results/web');
const STEP_MS = 30_000;

const app = useAppInBrowser('web');

async function signedIn(user: TestUser): Promise<Page> {
  const { page } = await app.open();
  await app.signIn(page, user);
  await page.getByRole('link', { name: 'Groups' }).waitFor({ timeout: STEP_MS });
  return page;
}

const list = (page: Page, name: string) => page.getByRole('list', { name });
const shows = (page: Page, listName: string, text: string | RegExp) => list(page, listName).getByText(text).first().waitFor({ timeout: STEP_MS });

describe('a household in the example web app', () => {
  it('invites, assigns a chore, awards points, shares costs and settles up by wallet transfer', { timeout: BROWSER_TEST_MS * 4 }, async () => {
    const [hanaUser, maxUser] = await Promise.all([signUpUser({ name: 'Hana Home' }), signUpUser({ name: 'Max Mate' })]);
    const hana = await signedIn(hanaUser);

    await hana.getByRole('link', { name: 'Groups' }).click();
    const start = hana.getByRole('form', { name: 'Start a group' });
    await start.getByLabel('Group name').fill('Linden Street');
    await start.getByRole('button', { name: 'Start group' }).click();
    await hana.getByRole('heading', { name: 'Linden Street' }).waitFor({ timeout: STEP_MS });
    const invite = hana.getByRole('form', { name: 'Invite' });
    await invite.getByLabel('Email to invite').fill(maxUser.email);
    await invite.getByRole('button', { name: 'Invite' }).click();
    await shows(hana, 'Member list', `${maxUser.email.toLowerCase()} (invited)`);

    const max = await signedIn(maxUser);
    await max.getByRole('link', { name: 'Groups' }).click();
    await max.getByRole('button', { name: 'Join Linden Street' }).click();
    await max.getByRole('heading', { name: 'Linden Street' }).waitFor({ timeout: STEP_MS });

    // A chore for Max, worth 15 points.
    await hana.reload();
    await shows(hana, 'Member list', 'Max Mate');
    const post = hana.getByRole('form', { name: 'Post a group task' });
    await post.getByLabel('Task').fill('Take out the bins');
    await post.getByLabel('Assign to').selectOption({ label: 'Max Mate' });
    await post.getByLabel('Reward points').fill('15');
    await post.getByRole('button', { name: 'Post task' }).click();
    await shows(hana, 'Task list', /Take out the bins for Max Mate · 15 points · assigned/);

    await max.reload();
    await max.getByRole('button', { name: 'Mark “Take out the bins” done' }).click();
    await shows(max, 'Task list', /Take out the bins .* done/);
    await hana.reload();
    await hana.getByRole('button', { name: 'Confirm “Take out the bins”' }).click();
    await shows(hana, 'Points', 'Max Mate: 15 points');
    await saveScreenshot(hana, SCREENSHOTS, 'household-1-leaderboard');

    // Two shared costs paid by Hana, split equally; the groceries with a photo of the receipt.
    for (const [what, amount] of [['Groceries', '30'], ['Pizza', '20']] as const) {
      const add = hana.getByRole('form', { name: 'Add an expense' });
      await add.getByLabel('What for').fill(what);
      await add.getByLabel('Amount').fill(amount);
      if (what === 'Groceries') await add.getByLabel('Receipt photo (optional)').setInputFiles({ name: 'receipt.png', mimeType: 'image/png', buffer: pngOf(18, [240, 240, 220]) });
      await add.getByRole('button', { name: 'Add expense' }).click();
      await shows(hana, 'Expense list', what);
    }
    await hana.getByRole('img', { name: 'Receipt for Groceries' }).waitFor({ timeout: STEP_MS });
    await shows(hana, 'Balance list', /Max Mate: owes .*25\.00/);

    // Max sees the receipt, decoded from its signed URL; then he tops up his wallet, pays his
    // grocery share, and settles the rest as suggested.
    await max.reload();
    const receipt = max.getByRole('img', { name: 'Receipt for Groceries' });
    await receipt.waitFor({ timeout: STEP_MS });
    await expect.poll(decodedWidth(receipt), { timeout: STEP_MS }).toBe(18);
    expect(await max.getByRole('img', { name: 'Receipt for Pizza' }).count()).toBe(0);
    const deposit = max.getByRole('form', { name: 'Deposit' });
    await deposit.getByLabel('Amount to deposit').fill('100');
    await deposit.getByRole('button', { name: 'Deposit' }).click();
    await shows(max, 'Balances', /EUR: .*100\.00 available/);
    await max.getByRole('button', { name: /^Pay .*15\.00 for Groceries$/ }).click();
    await shows(max, 'Expense list', /Max Mate owes .*15\.00: paid \(in the app\)/);
    await shows(max, 'Settle-up payments', /Max Mate pays Hana Home .*10\.00/);
    await max.getByRole('button', { name: /^Pay Hana Home .*10\.00$/ }).click();
    await max.getByText('Everyone is settled.').waitFor({ timeout: STEP_MS });
    await shows(max, 'Balances', /EUR: .*75\.00 available/);
    await saveScreenshot(max, SCREENSHOTS, 'household-2-settled');

    await hana.reload();
    await shows(hana, 'Balance list', 'Max Mate: settled');
    expect(await list(hana, 'Balance list').innerText()).toContain('Hana Home: settled');
  });
});
