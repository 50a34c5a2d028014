import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { depositTo, type TestUser } from '@sx/testkit';
import { BROWSER_TEST_MS, saveScreenshot } from '@sx/testkit/browser';
import { booksOf, household, netOf } from '../subgraphs/groups/test/group-api.js';
import { MOBILE_STEP_MS as STEP_MS, useMobileAppInBrowser } from './mobile-web-app.js';
import { pngOf } from './test-images.js';

// Shared costs in the mobile app (issue 22), its web build driven in Chromium: Hana records the
// groceries on her phone, split by shares, with a photo of the receipt picked from her library
// (a file chooser on the web), uploaded by its signed URL and attached; the photo shows on the
// expense. Max, on his phone, sees it too and pays his share in the app (a wallet transfer
// linked to the share); Ana paid Hana in cash, which Hana records. Then everyone is settled, and
// Hana takes the receipt off again.

const SCREENSHOTS = path.resolve('test-results/mobile');
const app = useMobileAppInBrowser();

async function signedInOnGroup(user: TestUser, groupName: string): Promise<{ page: Page; errors: string[]; offsite: string[] }> {
  const { page, guarded } = await app.open();
  await app.signIn(page, user);
  await page.getByRole('tab', { name: 'Groups' }).click();
  await page.getByRole('button', { name: `Open ${groupName}` }).click();
  await page.getByRole('heading', { name: groupName }).waitFor({ timeout: STEP_MS });
  return { page, errors: guarded.errors, offsite: guarded.offsite };
}

describe('a household’s shared costs in the mobile app', () => {
  it('a member adds an expense with a receipt photo from the picker; another sees it and pays; all settle to zero', { timeout: BROWSER_TEST_MS * 3 }, async () => {
    const run = Date.now().toString(36);
    const groupName = `Flat ${run}`;
    const { groupId, owner: hanaUser, members } = await household(groupName, 2);
    const [maxUser, anaUser] = members as [TestUser, TestUser];
    await depositTo(maxUser, 5000, 'EUR');

    // Hana records €40 of groceries she paid, split by shares: Max 2, Hana and Ana 1 each.
    const hana = await signedInOnGroup(hanaUser, groupName);
    const form = hana.page.getByRole('form', { name: 'Add an expense' });
    await form.getByLabel('What for').fill('Groceries');
    await form.getByLabel('Amount', { exact: true }).fill('40');
    await form.getByRole('radio', { name: 'EUR' }).click();
    expect(await form.getByRole('radio', { name: hanaUser.name, exact: true }).getAttribute('aria-checked')).toBe('true');
    await form.getByRole('radio', { name: 'by shares' }).click();
    await form.getByLabel(`Shares for ${maxUser.name}`).fill('2');
    // The photo comes from the image picker, which on the web opens the browser's file chooser.
    const [chooser] = await Promise.all([hana.page.waitForEvent('filechooser', { timeout: STEP_MS }), form.getByRole('button', { name: 'Add a receipt photo' }).click()]);
    await chooser.setFiles({ name: 'receipt.png', mimeType: 'image/png', buffer: pngOf(22, [245, 240, 210]) });
    await app.decoded(hana.page, 'Receipt to attach', 22);
    await form.getByRole('button', { name: 'Add expense' }).click();

    expect(await app.itemOnceShown(hana.page, 'Expenses', 'Groceries')).toContain(`Groceries: €40.00 paid by ${hanaUser.name}`);
    // The receipt, uploaded and attached after the expense, comes back by its signed download URL.
    await app.decoded(hana.page, 'Receipt for Groceries', 22);
    expect(await app.itemOnceShown(hana.page, 'Shares of Groceries', maxUser.name)).toContain(`${maxUser.name} owes €20.00: open`);
    expect(await app.itemOnceShown(hana.page, 'Shares of Groceries', anaUser.name)).toContain(`${anaUser.name} owes €10.00: open`);
    await app.itemOnceShown(hana.page, 'Group balances', `${hanaUser.name}: is owed €30.00`);
    expect(await form.getByLabel('What for').inputValue()).toBe('');
    await saveScreenshot(hana.page, SCREENSHOTS, 'household-1-expense-with-receipt');

    // Max opens the group on his phone: the receipt, decoded; the fewest payments; his share to pay.
    const max = await signedInOnGroup(maxUser, groupName);
    await app.decoded(max.page, 'Receipt for Groceries', 22);
    await app.itemOnceShown(max.page, 'Settle-up payments', `${maxUser.name} pays ${hanaUser.name} €20.00`);
    await app.itemOnceShown(max.page, 'Group balances', `${maxUser.name}: owes €20.00`);
    // Only the payer may say a share was paid outside the app.
    expect(await max.page.getByRole('button', { name: /paid me/ }).count()).toBe(0);
    await max.page.getByRole('button', { name: 'Pay €20.00 for Groceries' }).click();
    await app.itemOnceShown(max.page, 'Shares of Groceries', `${maxUser.name} owes €20.00: paid (in the app)`);
    await app.itemOnceShown(max.page, 'Group balances', `${maxUser.name}: settled`);
    await saveScreenshot(max.page, SCREENSHOTS, 'household-2-share-paid');

    // Ana paid Hana in cash: Hana records it on the share.
    await hana.page.getByRole('button', { name: `${anaUser.name} paid me for Groceries` }).click();
    await app.itemOnceShown(hana.page, 'Shares of Groceries', `${anaUser.name} owes €10.00: paid (outside the app)`);
    await hana.page.getByText('Everyone is settled.').waitFor({ timeout: STEP_MS });
    for (const user of [hanaUser, maxUser, anaUser]) await app.itemOnceShown(hana.page, 'Group balances', `${user.name}: settled`);
    await saveScreenshot(hana.page, SCREENSHOTS, 'household-3-settled');

    // Max may not remove Hana's receipt; Hana, who paid, may: it goes from every screen.
    expect(await max.page.getByRole('button', { name: 'Remove the receipt for Groceries' }).count()).toBe(0);
    await hana.page.getByRole('button', { name: 'Remove the receipt for Groceries' }).click();
    await expect.poll(() => hana.page.getByRole('img', { name: 'Receipt for Groceries' }).count(), { timeout: STEP_MS }).toBe(0);
    expect(await hana.page.getByRole('button', { name: 'Remove the receipt for Groceries' }).count()).toBe(0);

    // The books agree through the API.
    const books = await booksOf(hanaUser, groupId);
    expect([hanaUser, maxUser, anaUser].map((u) => netOf(books, u.id))).toEqual([0, 0, 0]);
    expect(books.group.settleUp).toEqual([]);

    for (const phone of [hana, max]) {
      expect(phone.offsite).toEqual([]);
      expect(phone.errors).toEqual([]);
    }
  });
});
