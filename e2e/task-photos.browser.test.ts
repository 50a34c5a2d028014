import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { postTaskAs, signUpUser } from '@sx/testkit';
import { BROWSER_TEST_MS, saveScreenshot } from '@sx/testkit/browser';
import { useAppInBrowser } from './browser-app.js';
import { decodedWidth, pngOf } from './test-images.js';

// Task photos in the example web app: the poster picks a file, the app uploads it through the
// SDK (ticket, PUT to the gateway), the photo shows as a real decoded image from its signed
// URL in another user's browser, and the poster removes it.

const SCREENSHOTS = path.resolve('test-results/web');
const STEP_MS = 20_000;

const app = useAppInBrowser('web');

async function signedInPage(email: string, password: string, hash: string) {
  const { page } = await app.open();
  await app.signIn(page, { email, password });
  await page.getByRole('button', { name: /sign out/i }).waitFor({ timeout: STEP_MS });
  await page.goto(app.url(hash));
  return page;
}

describe('task photos in the example web app', () => {
  it('lets the poster add a photo that another user sees decoded, then remove it', { timeout: BROWSER_TEST_MS }, async () => {
    const [poster, viewer] = await Promise.all([signUpUser({ roles: ['POSTER'], name: 'Pia Photo' }), signUpUser({ roles: ['TASKER'], name: 'Vic Viewer' })]);
    const taskId = await postTaskAs(poster, { title: 'Repaint the garden bench' });

    const posterPage = await signedInPage(poster.email, poster.password, `#/tasks/${taskId}`);
    await posterPage.getByLabel('Add a photo').setInputFiles({ name: 'bench.png', mimeType: 'image/png', buffer: pngOf(24, [200, 40, 40]) });
    const photo = posterPage.getByRole('img', { name: 'Photo 1 of the task' });
    await photo.waitFor({ timeout: STEP_MS });

    const viewerPage = await signedInPage(viewer.email, viewer.password, `#/tasks/${taskId}`);
    const seen = viewerPage.getByRole('img', { name: 'Photo 1 of the task' });
    await seen.waitFor({ timeout: STEP_MS });
    // Decoded, not just present: the bytes came back through the signed URL as a PNG.
    await expect.poll(decodedWidth(seen), { timeout: STEP_MS }).toBe(24);
    expect(await viewerPage.getByRole('button', { name: /Remove photo/ }).count()).toBe(0);
    await saveScreenshot(viewerPage, SCREENSHOTS, 'task-photo-viewer');

    await posterPage.getByRole('button', { name: 'Remove photo 1' }).click();
    await photo.waitFor({ state: 'detached', timeout: STEP_MS });
  });
});
