import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { eventually, gqlOk, placeBidAs, postTaskAs, signUpUser, waitForMails, isNotificationMail } from '@sx/testkit';
import { BROWSER_TEST_MS, saveScreenshot } from '@sx/testkit/browser';
import { useAppInBrowser } from './browser-app.js';

// The example web app's bell in Debian's Chromium: a tasker bids, the poster's unread count goes
// up live, the email arrives in the test stack's SMTP server, and its unsubscribe link works in a
// signed-out browser.

const SCREENSHOTS = path.resolve('test-results/web');
const STEP_MS = 20_000;
const app = useAppInBrowser('web');

async function unreadShown(page: Page, count: number): Promise<void> {
  await page.locator('[data-testid="unread-count"]').filter({ hasText: new RegExp(`^${count}$`) }).waitFor({ timeout: STEP_MS });
}

describe('notifications in the example web app', () => {
  it('rings the poster’s bell live when a tasker bids, emails them, and marks read', { timeout: BROWSER_TEST_MS * 2 }, async () => {
    const [poster, tasker] = await Promise.all([signUpUser({ roles: ['POSTER'], name: 'Bella Bell' }), signUpUser({ roles: ['TASKER'], name: 'Tom Tasker' })]);
    const taskId = await postTaskAs(poster, { title: 'Clean the windows' });
    const { page, guarded } = await app.open();
    await app.signIn(page, poster);
    await unreadShown(page, 0);
    await eventually(async () => app.gateway.live.hub.count('notificationEvents'), (n) => n === 1, { what: 'the bell subscribed' });
    await page.evaluate('window.sxNotReloaded = true');

    await placeBidAs(tasker, taskId, 3_500);
    await unreadShown(page, 1);
    expect(await page.evaluate('window.sxNotReloaded')).toBe(true);
    await saveScreenshot(page, SCREENSHOTS, 'notifications-1-bell-rang');
    const [mail] = await waitForMails(poster.email, 1, isNotificationMail);
    expect(mail?.subject).toBe('New bid on your task');

    await page.getByRole('link', { name: /Notifications: 1 unread/ }).click();
    const item = page.getByRole('list', { name: 'Notifications' }).getByRole('listitem').filter({ hasText: 'New bid on your task' });
    await item.waitFor({ timeout: STEP_MS });
    expect(await item.innerText()).toContain('Clean the windows');
    await item.getByRole('button', { name: 'Mark read' }).click();
    await unreadShown(page, 0);
    await saveScreenshot(page, SCREENSHOTS, 'notifications-2-read');

    // Settings: stop bid emails.
    await page.getByRole('link', { name: 'Notification settings' }).click();
    // The box is controlled by the stored setting: it changes once the server answered.
    const bidEmails = page.getByLabel('Bid received by email');
    await bidEmails.click({ timeout: STEP_MS });
    await eventually(() => bidEmails.isChecked(), (checked) => !checked, { what: 'the box unchecked' });
    await eventually(
      () => gqlOk<{ notificationPreferences: { kind: string; channel: string; enabled: boolean }[] }>(`{ notificationPreferences { kind channel enabled } }`, {}, { token: poster.accessToken }),
      (d) => d.notificationPreferences.some((p) => p.kind === 'BID_RECEIVED' && p.channel === 'EMAIL' && !p.enabled),
      { what: 'the setting stored' },
    );
    expect(guarded.errors).toEqual([]);
    expect(guarded.offsite).toEqual([]);
  });

  it('unsubscribes by the email’s link in a browser that is not signed in', { timeout: BROWSER_TEST_MS }, async () => {
    const [poster, tasker] = await Promise.all([signUpUser({ roles: ['POSTER'] }), signUpUser({ roles: ['TASKER'] })]);
    await placeBidAs(tasker, await postTaskAs(poster), 2_000);
    const [mail] = await waitForMails(poster.email, 1, isNotificationMail);
    const link = /<([^>]+)>/.exec(mail?.headers['list-unsubscribe'] ?? '')?.[1] ?? '';
    const hash = link.slice(link.indexOf('#'));
    expect(hash).toMatch(/^#\/unsubscribe\?token=/);
    const { page, guarded } = await app.open(hash);
    await page.getByText('You will no longer get emails about “Bid received”.').waitFor({ timeout: STEP_MS });
    const prefs = await gqlOk<{ notificationPreferences: { kind: string; channel: string; enabled: boolean }[] }>(`{ notificationPreferences { kind channel enabled } }`, {}, { token: poster.accessToken });
    expect(prefs.notificationPreferences.find((p) => p.kind === 'BID_RECEIVED' && p.channel === 'EMAIL')?.enabled).toBe(false);
    expect(guarded.errors).toEqual([]);
  });
});

describe('account email links in the example web app', () => {
  it('confirms the address and resets the password from the mailed links, signed out', { timeout: BROWSER_TEST_MS }, async () => {
    const user = await signUpUser({ name: 'Lina Link' });
    const hashOf = async (subject: string) => {
      const [mail] = await waitForMails(user.email, 1, (m) => m.subject === subject);
      const link = /(https?:\/\/\S+#\/\S+)/.exec(mail?.text ?? '')?.[1] ?? '';
      return link.slice(link.indexOf('#'));
    };
    const { page, guarded } = await app.open(await hashOf('Confirm your email address'));
    await page.getByText('Your email address is confirmed.').waitFor({ timeout: STEP_MS });

    await gqlOk(`mutation($email: String!) { requestPasswordReset(email: $email) }`, { email: user.email });
    const reset = await app.open(await hashOf('Reset your password'));
    await reset.page.getByRole('form', { name: 'Reset password' }).getByLabel('New password').fill('a fresh passphrase here');
    await reset.page.getByRole('button', { name: 'Set password' }).click();
    await reset.page.getByText('Your password is changed. Sign in with it.').waitFor({ timeout: STEP_MS });
    const signIn = await gqlOk<{ signIn: { accessToken: string } }>(`mutation($e: String!, $p: String!) { signIn(email: $e, password: $p) { accessToken } }`, { e: user.email, p: 'a fresh passphrase here' });
    expect(signIn.signIn.accessToken).toBeTruthy();
    expect([...guarded.errors, ...reset.guarded.errors]).toEqual([]);
  });
});
