import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import type { RunningGateway } from '../gateway/src/server.js';
import { ensureMobileInstall } from '../scripts/mobile-app.js';
import { useSiteInBrowser, type OpenedApp } from './browser-app.js';
import { exportedMobileApp } from './mobile-export-cache.js';
import { decodedWidth } from './test-images.js';

// The Expo app's web build in Debian's Chromium, as the mobile browser tests drive it: installed
// from its own lockfile, exported for the web (mobile-export-cache.ts: once for every file), served by a
// static server, pointed with `?api=` at a gateway in the test process that lists the app's origin
// (CORS), each browser profile reaching only those two servers (browser-app.ts does that part).

/** A cold machine installs Expo (~700 packages) and runs Metro. */
export const MOBILE_SETUP_MS = 15 * 60_000;
/** How long one step on a screen may take to show (two cores, other tests beside). */
export const MOBILE_STEP_MS = 20_000;

export interface MobileAppInBrowser {
  readonly gateway: RunningGateway;
  /** A fresh browser profile on the app; with `place`, its device location allowed and set there. */
  open(place?: { lat: number; lng: number }): Promise<OpenedApp>;
  /** Fills in and submits the app's sign-in screen. */
  signIn(page: Page, user: { email: string; password: string }): Promise<void>;
  /** Waits until the image named `name` has been decoded at `width` pixels (bytes fetched by its signed URL). */
  decoded(page: Page, name: string, width: number): Promise<void>;
  /** The text of the first item of the list named `list`, once one contains `text`. */
  itemOnceShown(page: Page, list: string, text: string | RegExp): Promise<string>;
}

/** Registers the file's (or describe block's) beforeAll / afterAll and returns handles usable from the tests on. */
export function useMobileAppInBrowser(): MobileAppInBrowser {
  const site = useSiteInBrowser(
    {
      async prepare() {
        await ensureMobileInstall((line) => process.stdout.write(`${line}\n`));
        return exportedMobileApp(['web']);
      },
    },
    MOBILE_SETUP_MS,
  );

  return {
    get gateway() {
      return site.gateway;
    },
    open: (place) =>
      site.open('', async (context) => {
        if (!place) return;
        await context.grantPermissions(['geolocation'], { origin: site.origin });
        await context.setGeolocation({ latitude: place.lat, longitude: place.lng });
      }),
    async signIn(page, user) {
      await page.getByLabel('Email').fill(user.email);
      await page.getByLabel('Password').fill(user.password);
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    },
    async decoded(page, name, width) {
      const image = page.getByRole('img', { name }).first();
      await image.waitFor({ timeout: MOBILE_STEP_MS });
      await expect.poll(decodedWidth(image), { timeout: MOBILE_STEP_MS }).toBe(width);
    },
    async itemOnceShown(page, list, text) {
      const item = page.getByRole('list', { name: list, exact: true }).getByRole('listitem').filter({ hasText: text }).first();
      await item.waitFor({ timeout: MOBILE_STEP_MS });
      return item.innerText();
    },
  };
}
