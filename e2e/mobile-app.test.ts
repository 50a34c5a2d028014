import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { eventually, gqlOk, postTaskAs, signUpUser, type TestUser } from '@sx/testkit';
import { BROWSER_TEST_MS, saveScreenshot } from '@sx/testkit/browser';
import { ensureMobileInstall, MOBILE_DIR } from '../scripts/mobile-app.js';
import { as, household } from '../subgraphs/groups/test/group-api.js';
import { exportedMobileApp } from './mobile-export-cache.js';
import { bundledReactVersion, isHermesBytecode, nodeNamedPackages, readExportedBundle } from './mobile-bundles.js';
import { MOBILE_SETUP_MS as SETUP_MS, MOBILE_STEP_MS as STEP_MS, useMobileAppInBrowser } from './mobile-web-app.js';
import { pngOf } from './test-images.js';
import { createUpload, putBytes, uploadTaskPhoto } from './task-photos-api.js';

// The Expo app (examples/mobile), as CI can check it without a phone: installed from its own
// lockfile, exported for Android and iOS (Hermes bytecode) and inspected, then exported for the
// web and driven in Debian's Chromium against a real gateway — a tasker bids, the poster's screen
// in another browser profile shows the bid live, and their notification bell rings; they read the
// feed and mark it all read; and a household member sees a task's photos, does a group chore and
// sees an expense's receipt photo on the group screen. Screenshots: test-results/mobile/ (git-ignored).

const SCREENSHOTS = path.resolve('test-results/mobile');
const run = promisify(execFile);

/** The app's own code and the workspace sources Metro bundles from (paths as the source map names them). */
const OWN_MODULES = ['/src/app.tsx', '/src/screens/task-screen.tsx', '/src/screens/groups-screen.tsx', '/src/screens/expense-form.tsx', '/src/receipt-picker.ts', '/packages/react/src/marketplace/use-groups.ts', '/packages/react/src/marketplace/use-task-photos.ts', '/packages/sdk/src/client.ts', '/packages/sdk/src/live-connection.ts', '/packages/react/src/use-query.ts', '/packages/react/src/marketplace/use-task-bids.ts', '/src/screens/notifications-screen.tsx', '/packages/react/src/marketplace/use-notifications.ts'];
/** Dependencies that bring npm packages named like Node built-ins: Expo's URL polyfill (whatwg-url-without-unicode). */
const EXPECTED_NODE_NAMED_PACKAGES = ['buffer', 'punycode'];

beforeAll(async () => {
  await ensureMobileInstall((line) => process.stdout.write(`${line}\n`));
}, SETUP_MS);

const installedVersion = (name: string) => (JSON.parse(readFileSync(path.join(MOBILE_DIR, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;

describe('the mobile app bundled for Android and iOS', () => {
  let outDir: string;

  beforeAll(async () => {
    outDir = await exportedMobileApp(['android', 'ios']);
  }, SETUP_MS);

  it.each(['android', 'ios'])('%s: Hermes bytecode of the app, the SDK and the hooks, on the app’s own React', (platform) => {
    const bundle = readExportedBundle(outDir, platform);
    expect(isHermesBytecode(bundle.bytes)).toBe(true);
    expect(bundle.sources).toEqual(expect.arrayContaining(OWN_MODULES));
    // Built from the workspace sources as they are now, not from a copy or a build of them.
    expect(bundle.sourceOf('/packages/sdk/src/client.ts')).toBe(readFileSync('packages/sdk/src/client.ts', 'utf8'));
    // One React, the app's (19.1, what React Native 0.81 was built with), never the workspace's 19.3.
    expect(installedVersion('react')).toBe('19.1.0');
    expect(bundledReactVersion(bundle)).toBe('19.1.0');
    // The session lives in the Keychain / Keystore on phones.
    expect(bundle.sources.some((source) => source.includes('/node_modules/expo-secure-store/'))).toBe(true);
    // Receipt photos come from the phone's library through Expo's image picker.
    expect(bundle.sources.some((source) => source.includes('/node_modules/expo-image-picker/'))).toBe(true);
    // No Node built-in: our own code cannot import one (metro-resolver.js fails the build), and
    // the only npm packages named like one are those Expo's URL polyfill brings on purpose.
    expect(nodeNamedPackages(bundle.sources)).toEqual(EXPECTED_NODE_NAMED_PACKAGES);
  });

  it('type-checks against its own React 19.1 types and the workspace packages’ sources', { timeout: 120_000 }, async () => {
    const tsc = path.join(MOBILE_DIR, 'node_modules/typescript/bin/tsc');
    await expect(run(process.execPath, [tsc, '-p', 'tsconfig.json', '--noEmit'], { cwd: MOBILE_DIR })).resolves.toBeDefined();
  });
});

describe('the resolver that builds the app from the workspace', () => {
  // metro-resolver.js is CommonJS for Metro; its shape, as the test uses it.
  type Resolve = (context: { originModulePath: string; resolveRequest: (...args: unknown[]) => unknown }, moduleName: string, platform: string) => unknown;
  const { createResolver } = createRequire(import.meta.url)(path.join(MOBILE_DIR, 'metro-resolver.js')) as {
    createResolver: (dirs: { repoRoot: string; appDir: string }) => Resolve;
  };
  const repoRoot = path.resolve('.');
  const resolve = createResolver({ repoRoot, appDir: MOBILE_DIR });
  const asked: { from: string; name: string }[] = [];
  const context = (from: string) => ({
    originModulePath: path.join(repoRoot, from),
    resolveRequest: (ctx: unknown, name: unknown) => {
      asked.push({ from: path.relative(repoRoot, (ctx as { originModulePath: string }).originModulePath), name: String(name) });
      return { type: 'sourceFile', filePath: String(name) };
    },
  });

  it('fails the build when our code imports a Node built-in, naming the importer', () => {
    for (const [from, name] of [['packages/sdk/src/http.ts', 'node:crypto'], ['packages/react/src/use-query.ts', 'fs'], ['examples/mobile/src/app.tsx', 'fs/promises']] as const) {
      expect(() => resolve(context(from), name, 'android')).toThrow(`${path.join(repoRoot, from)} imports the Node built-in "${name}"`);
    }
  });

  it("leaves dependencies' npm packages of such names to Metro, maps .js imports to the sources, and resolves bare imports from the app", () => {
    asked.length = 0;
    resolve(context('examples/mobile/node_modules/whatwg-url-without-unicode/lib/url-state-machine.js'), 'punycode', 'ios');
    resolve(context('packages/sdk/src/index.ts'), './client.js', 'ios');
    resolve(context('packages/react/src/index.ts'), 'react', 'ios');
    expect(asked).toEqual([
      { from: 'examples/mobile/node_modules/whatwg-url-without-unicode/lib/url-state-machine.js', name: 'punycode' },
      { from: 'packages/sdk/src/index.ts', name: './client' },
      { from: 'examples/mobile/index.ts', name: 'react' },
    ]);
  });
});

describe('the mobile app on the web, in Chromium', () => {
  const app = useMobileAppInBrowser();
  const { decoded, itemOnceShown, signIn } = app;
  const openApp = (place: { lat: number; lng: number }) => app.open(place);

  /** Waits until the bell's badge reads `count`. */
  async function unreadShown(page: Page, count: number): Promise<void> {
    await page.getByTestId('unread-count').filter({ hasText: new RegExp(`^${count}$`) }).waitFor({ timeout: STEP_MS });
  }

  it('a tasker finds a task near their device, opens it and bids; the poster’s screen shows the bid live', { timeout: BROWSER_TEST_MS * 2 }, async () => {
    const run = Date.now().toString(36);
    const title = `Hang three shelves ${run}`;
    // A place of its own, so the tasker's nearby list finds this task among other runs' tasks.
    const place = { lat: -30 + Math.random() * 20, lng: 60 + Math.random() * 20 };
    const password = 'correct horse battery staple';

    // The poster signs up in the app and posts a task where their device is.
    const { page: poster, guarded: posterBrowser } = await openApp(place);
    await poster.getByRole('button', { name: 'New here? Create an account' }).click();
    await poster.getByLabel('Name').fill(`Pia ${run}`);
    await poster.getByLabel('Email').fill(`pia.${run}@example.test`);
    await poster.getByLabel('Password').fill(password);
    await poster.getByRole('button', { name: 'Sign up' }).click();
    await poster.getByText(`Signed in as Pia ${run}`).waitFor({ timeout: STEP_MS });
    // The SDK keeps the session through the app's token store: localStorage on the web, per API URL.
    const stored = await poster.evaluate(`localStorage.getItem(${JSON.stringify(`sx.session:${app.gateway.url}`)})`);
    expect(JSON.parse(String(stored))).toEqual({ accessToken: expect.any(String), refreshToken: expect.any(String) });

    await poster.getByRole('tab', { name: 'Post a task' }).click();
    await poster.getByLabel('Title').fill(title);
    await poster.getByLabel('Description').fill('Three shelves, the brackets are here.');
    await poster.getByLabel('Budget', { exact: true }).fill('60');
    await poster.getByText(/Where: your location/).waitFor({ timeout: STEP_MS });
    await poster.getByRole('button', { name: 'Post task' }).click();
    await poster.getByRole('heading', { name: title }).waitFor({ timeout: STEP_MS });
    expect(await poster.getByTestId('task-status').innerText()).toBe('OPEN');
    await poster.getByText('No bids yet').waitFor();
    // From here on the poster's screen is left alone: whatever changes must arrive live.
    await poster.evaluate('window.sxNotReloaded = true');
    await eventually(async () => app.gateway.live.hub.count('bidEvents'), (n) => n === 1, { what: "the poster's bid subscription" });
    // The bell: nothing unread yet, and its live subscription open (the only one: the tasker is not here yet).
    await unreadShown(poster, 0);
    await eventually(async () => app.gateway.live.hub.count('notificationEvents'), (n) => n === 1, { what: "the poster's bell subscription" });
    await saveScreenshot(poster, SCREENSHOTS, '1-poster-task-posted');

    // The tasker, in another browser profile at the same place, signs in and finds the task nearby.
    const tasker = await signUpUser({ roles: ['TASKER'], name: `Theo ${run}` });
    const { page: taskerPage, guarded: taskerBrowser } = await openApp(place);
    await signIn(taskerPage, tasker);
    await taskerPage.getByText('Within 10 km of your location.').waitFor({ timeout: STEP_MS });
    const card = taskerPage.getByRole('link', { name: title });
    await card.waitFor({ timeout: STEP_MS });
    expect(await card.innerText()).toContain(`€60.00 · handyman · 0 bids`);
    await saveScreenshot(taskerPage, SCREENSHOTS, '2-tasker-nearby');
    await card.click();
    await taskerPage.getByRole('heading', { name: title }).waitFor({ timeout: STEP_MS });

    await taskerPage.getByLabel(/Your price/).fill('45');
    await taskerPage.getByLabel('Message to the poster').fill('Tomorrow at nine?');
    await taskerPage.getByRole('button', { name: 'Place bid' }).click();
    expect(await itemOnceShown(taskerPage, 'Your bids', `Theo ${run}`)).toContain(`Theo ${run} offers €45.00 — status PENDING`);
    await saveScreenshot(taskerPage, SCREENSHOTS, '3-tasker-bid-placed');

    // The bid appears on the poster's screen by itself.
    const onPoster = await itemOnceShown(poster, 'Bids', `Theo ${run}`);
    expect(onPoster).toContain(`Theo ${run} offers €45.00 — status PENDING`);
    expect(onPoster).toContain('Tomorrow at nine?');
    expect(await poster.getByRole('button', { name: `Accept the bid of Theo ${run}` }).count()).toBe(1);
    expect(await poster.evaluate('window.sxNotReloaded')).toBe(true);
    // The bell rang by itself too.
    await unreadShown(poster, 1);
    await saveScreenshot(poster, SCREENSHOTS, '4-poster-bid-arrived-live');

    // The poster finds the task again under My tasks, wherever they are, with its bid counted.
    await poster.getByRole('tab', { name: 'My tasks' }).click();
    expect(await itemOnceShown(poster, 'Posted by you', title)).toContain('€60.00 · handyman · 1 bid');

    // The bell opens the feed: the bid's notification, unread, linking to its task.
    await poster.getByRole('link', { name: 'Notifications: 1 unread' }).click();
    await poster.getByRole('heading', { name: 'Notifications' }).waitFor({ timeout: STEP_MS });
    const notification = await itemOnceShown(poster, 'Notifications', 'New bid on your task');
    expect(notification).toContain(`Open ${title}`);
    expect(notification).toContain('unread');
    await saveScreenshot(poster, SCREENSHOTS, '5-poster-notifications');
    await poster.getByRole('button', { name: 'Mark all read' }).click();
    await unreadShown(poster, 0);
    expect(await itemOnceShown(poster, 'Notifications', /New bid on your task[\s\S]*· read/)).not.toContain('unread');
    expect(await poster.getByRole('button', { name: /^Mark read/ }).count()).toBe(0);
    await saveScreenshot(poster, SCREENSHOTS, '6-poster-notifications-read');
    await poster.getByRole('button', { name: `Open the task ${title}` }).click();
    await poster.getByRole('heading', { name: title }).waitFor({ timeout: STEP_MS });
    expect(await poster.evaluate('window.sxNotReloaded')).toBe(true);

    // The tasker's wallet: a deposit shows in the balances.
    await taskerPage.getByRole('tab', { name: 'Wallet' }).click();
    await taskerPage.getByLabel('Amount to deposit').fill('100');
    await taskerPage.getByRole('radio', { name: 'EUR' }).click();
    await taskerPage.getByRole('button', { name: 'Deposit' }).click();
    expect(await itemOnceShown(taskerPage, 'Balances', 'EUR')).toBe('EUR: €100.00 available, €0.00 held');
    await saveScreenshot(taskerPage, SCREENSHOTS, '7-tasker-wallet');

    for (const profile of [posterBrowser, taskerBrowser]) {
      expect(profile.offsite).toEqual([]);
      expect(profile.errors).toEqual([]);
    }
  });

  it('a household member sees a task’s photos, does a group chore and sees an expense’s receipt on the group screen', { timeout: BROWSER_TEST_MS * 2 }, async () => {
    const run = Date.now().toString(36);
    const place = { lat: -30 + Math.random() * 20, lng: 60 + Math.random() * 20 };
    const { groupId, owner: hana, members } = await household(`Flat ${run}`, 1);
    const max = members[0] as TestUser;
    // Set up through the API: a marketplace task of Hana's with a photo, where Max's device is;
    // a chore for Max; and groceries Hana paid, split with Max, with a photo of the receipt.
    const title = `Mount a mirror ${run}`;
    const taskId = await postTaskAs(hana, { title, currency: 'EUR', location: place });
    await uploadTaskPhoto(hana, taskId, pngOf(20, [30, 120, 200]));
    await gqlOk('mutation($input: PostGroupTaskInput!) { postGroupTask(input: $input) { id } }', { input: { groupId, title: 'Water the plants', assigneeId: max.id, rewardPoints: 5 } }, as(hana));
    const { addExpense } = await gqlOk<{ addExpense: { id: string } }>(
      'mutation($input: AddExpenseInput!) { addExpense(input: $input) { id } }',
      { input: { groupId, description: 'Groceries', amount: { amount: 3000, currency: 'EUR' }, splitMethod: 'EQUAL', split: [{ userId: hana.id }, { userId: max.id }] } },
      as(hana),
    );
    const ticket = await createUpload(hana, 'DOCUMENT');
    await putBytes(ticket.uploadUrl, pngOf(16, [250, 250, 230]));
    const attach = () =>
      gqlOk('mutation($input: AttachExpenseReceiptInput!) { attachExpenseReceipt(input: $input) { id } }', { input: { expenseId: addExpense.id, uploadId: ticket.uploadId } }, as(hana)).then(
        () => true,
        () => false,
      );
    await eventually(attach, (ok) => ok, { what: 'files to know the expense' });

    // Max, on his phone where the task is: its screen shows the photo, decoded.
    const { page, guarded } = await openApp(place);
    await signIn(page, max);
    const card = page.getByRole('link', { name: title });
    await card.waitFor({ timeout: STEP_MS });
    await card.click();
    await page.getByRole('heading', { name: title }).waitFor({ timeout: STEP_MS });
    await decoded(page, 'Photo 1 of the task', 20);
    await saveScreenshot(page, SCREENSHOTS, '8-task-photo');

    // The group screen: his chore, which he marks done; the groceries with their receipt; his share.
    await page.getByRole('tab', { name: 'Groups' }).click();
    await page.getByRole('button', { name: `Open Flat ${run}` }).click();
    await page.getByRole('heading', { name: `Flat ${run}` }).waitFor({ timeout: STEP_MS });
    expect(await itemOnceShown(page, 'Group tasks', 'Water the plants')).toContain('Water the plants · ' + max.name + ' · 5 points · assigned');
    await page.getByRole('button', { name: 'Mark Water the plants done' }).click();
    // The status, not the button's "Mark done": the item reads "… · 5 points · done" once groups has it.
    await itemOnceShown(page, 'Group tasks', '5 points · done');
    expect(await page.getByRole('button', { name: 'Mark Water the plants done' }).count()).toBe(0);
    expect(await itemOnceShown(page, 'Expenses', 'Groceries')).toContain(`paid by ${hana.name}`);
    await decoded(page, 'Receipt for Groceries', 16);
    await page.getByRole('button', { name: /^Pay .*15\.00 for Groceries$/ }).waitFor({ timeout: STEP_MS });
    await saveScreenshot(page, SCREENSHOTS, '9-group-screen');

    expect(guarded.offsite).toEqual([]);
    expect(guarded.errors).toEqual([]);
  });
});
