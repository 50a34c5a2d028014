import path from 'node:path';
import { deflateSync, crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { postTaskAs, signUpUser } from '@sx/testkit';
import { BROWSER_TEST_MS, saveScreenshot } from '@sx/testkit/browser';
import { useAppInBrowser } from './browser-app.js';

// Task photos in the example web app: the poster picks a file, the app uploads it through the
// SDK (ticket, PUT to the gateway), the photo shows as a real decoded image from its signed
// URL in another user's browser, and the poster removes it.

const SCREENSHOTS = path.resolve('test-results/web');
const STEP_MS = 20_000;
const app = useAppInBrowser('web');

/** A real PNG, `size`×`size` pixels of one colour, so the browser has something to decode. */
function pngOf(size: number, rgb: [number, number, number]): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, no interlace
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: size }, () => rgb).flat())]);
  const pixels = deflateSync(Buffer.concat(Array.from({ length: size }, () => row)));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', pixels), chunk('IEND', Buffer.alloc(0))]);
}

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
    const naturalWidth = () => seen.evaluate((element) => {
      const img = element as unknown as { complete: boolean; naturalWidth: number };
      return img.complete ? img.naturalWidth : 0;
    });
    await expect.poll(naturalWidth, { timeout: STEP_MS }).toBe(24);
    expect(await viewerPage.getByRole('button', { name: /Remove photo/ }).count()).toBe(0);
    await saveScreenshot(viewerPage, SCREENSHOTS, 'task-photo-viewer');

    await posterPage.getByRole('button', { name: 'Remove photo 1' }).click();
    await photo.waitFor({ state: 'detached', timeout: STEP_MS });
  });
});
