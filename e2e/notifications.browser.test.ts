import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, gqlOk, placeBidAs, postTaskAs, signUpUser, waitForMails, isNotificationMail } from '@sx/testkit';
import { BROWSER_TEST_MS, launchChromium, newGuardedContext, saveScreenshot, serveStatic, type GuardedContext, type StaticSite } from '@sx/testkit/browser';
import type { RunningGateway } from '../gateway/src/server.js';
import { startTestGateway } from '../gateway/test/test-gateway.js';

// The example web app's bell in Debian's Chromium: a tasker bids, the poster's unread count goes
// up live, the email arrives in the test stack's SMTP server, and its unsubscribe link works in a
// signed-out browser.

const DIST = path.resolve('examples/web/dist');
const SCREENSHOTS = path.resolve('test-results/web');
const STEP_MS = 20_000;

let app: StaticSite;
let gateway: RunningGateway;
let browser: Browser;
const contexts: GuardedContext[] = [];

beforeAll(async () => {
  expect(existsSync(path.join(DIST, 'index.html')), 'the test setup builds examples/web/dist').toBe(true);
  app = await serveStatic(DIST);
  gateway = await startTestGateway({ CORS_ORIGINS: app.origin });
  browser = await launchChromium();
});

afterAll(async () => {
  await Promise.all(contexts.map((c) => c.context.close()));
  await browser?.close();
  await gateway?.stop();
  await app?.close();
});

async function openApp(hash = ''): Promise<{ page: Page; guarded: GuardedContext }> {
  const guarded = await newGuardedContext(browser, [new URL(app.origin).host, new URL(gateway.url).host]);
  contexts.push(guarded);
  const page = await guarded.context.newPage();
  await page.goto(`${app.origin}/?api=${encodeURIComponent(gateway.url)}${hash}`);
  return { page, guarded };
}

async function unreadShown(page: Page, count: number): Promise<void> {
  await page.locator('[data-testid="unread-count"]').filter({ hasText: new RegExp(`^${count}$`) }).waitFor({ timeout: STEP_MS });
}

describe('notifications in the example web app', () => {
  it('rings the poster’s bell live when a tasker bids, emails them, and marks read', { timeout: BROWSER_TEST_MS * 2 }, async () => {
    const [poster, tasker] = await Promise.all([signUpUser({ roles: ['POSTER'], name: 'Bella Bell' }), signUpUser({ roles: ['TASKER'], name: 'Tom Tasker' })]);
    const taskId = await postTaskAs(poster, { title: 'Clean the windows' });
    const { page, guarded } = await openApp();
    const form = page.getByRole('form', { name: 'Sign in' });
    await form.getByLabel('Email').fill(poster.email);
    await form.getByLabel('Password').fill(poster.password);
    await form.getByRole('button', { name: 'Sign in' }).click();
    await unreadShown(page, 0);
    await eventually(async () => gateway.live.hub.count('notificationEvents'), (n) => n === 1, { what: 'the bell subscribed' });
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
    const { page, guarded } = await openApp(hash);
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
    const { page, guarded } = await openApp(await hashOf('Confirm your email address'));
    await page.getByText('Your email address is confirmed.').waitFor({ timeout: STEP_MS });

    await gqlOk(`mutation($email: String!) { requestPasswordReset(email: $email) }`, { email: user.email });
    const reset = await openApp(await hashOf('Reset your password'));
    await reset.page.getByRole('form', { name: 'Reset password' }).getByLabel('New password').fill('a fresh passphrase here');
    await reset.page.getByRole('button', { name: 'Set password' }).click();
    await reset.page.getByText('Your password is changed. Sign in with it.').waitFor({ timeout: STEP_MS });
    const signIn = await gqlOk<{ signIn: { accessToken: string } }>(`mutation($e: String!, $p: String!) { signIn(email: $e, password: $p) { accessToken } }`, { e: user.email, p: 'a fresh passphrase here' });
    expect(signIn.signIn.accessToken).toBeTruthy();
    expect([...guarded.errors, ...reset.guarded.errors]).toEqual([]);
  });
});
