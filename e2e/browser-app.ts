import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { launchChromium, newGuardedContext, serveStatic, type GuardedContext, type StaticSite } from '@sx/testkit/browser';
import type { RunningGateway } from '../gateway/src/server.js';
import { startTestGateway } from '../gateway/test/test-gateway.js';

// What every browser test of a built example app sets up the same way: the app's dist/ on a
// static server of its own, a gateway in the test process that lists the app's origin (the app is
// another origin than the gateway: only a gateway that lists it answers, CORS 4403), and
// Debian's Chromium. Every profile opened can reach only those two servers.

/** The Vite apps the test setup builds (scripts/build-apps.ts), by their dist/ folder. */
const DISTS = { web: 'examples/web/dist', admin: 'examples/admin/dist' } as const;
export type BuiltApp = keyof typeof DISTS;

export interface OpenedApp {
  page: Page;
  guarded: GuardedContext;
}

export interface AppInBrowser {
  /** http://127.0.0.1:<port> of the app's static server. */
  readonly origin: string;
  /** The gateway started for this file, the only one the app's origin is allowed on. */
  readonly gateway: RunningGateway;
  readonly browser: Browser;
  /** The app's address pointed at this file's gateway with `?api=`, then `hash` (`#/tasks/…`). */
  url(hash?: string): string;
  /** A fresh, empty browser profile on `url(hash)`; closed after the file's tests. */
  open(hash?: string): Promise<OpenedApp>;
  /** Fills in and submits the app's "Sign in" form (the web and the admin app share its labels). */
  signIn(page: Page, user: { email: string; password: string }): Promise<void>;
}

/** Where a site's files come from: made ready before the file's tests, tidied after them. */
export interface SiteSource {
  /** The folder to serve (built or exported now, or checked to exist). */
  prepare(): Promise<string>;
  cleanup?(): void;
}

/** A site in Chromium, whatever built it: the static server, its gateway, the browser and its profiles. */
export interface SiteInBrowser {
  readonly origin: string;
  readonly gateway: RunningGateway;
  readonly browser: Browser;
  /** The site's address pointed at this file's gateway with `?api=`, then `hash`. */
  url(hash?: string): string;
  /** A fresh profile reaching only the two servers; `beforePage` sets it up (permissions) before the page opens. */
  open(hash?: string, beforePage?: (context: BrowserContext) => Promise<void>): Promise<OpenedApp>;
}

/** Registers the file's beforeAll / afterAll for the site `source` gives and returns its handles. */
export function useSiteInBrowser(source: SiteSource, setupTimeoutMs?: number): SiteInBrowser {
  let site: StaticSite | undefined;
  let gateway: RunningGateway | undefined;
  let browser: Browser | undefined;
  const contexts: GuardedContext[] = [];
  const started = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`useSiteInBrowser: the ${what} is not started (used outside a test?)`);
    return value;
  };

  beforeAll(async () => {
    site = await serveStatic(await source.prepare());
    gateway = await startTestGateway({ CORS_ORIGINS: site.origin });
    browser = await launchChromium();
  }, setupTimeoutMs);

  afterAll(async () => {
    await Promise.all(contexts.map((c) => c.context.close()));
    await browser?.close();
    await gateway?.stop();
    await site?.close();
    source.cleanup?.();
  });

  const handles: SiteInBrowser = {
    get origin() {
      return started(site, 'static server').origin;
    },
    get gateway() {
      return started(gateway, 'gateway');
    },
    get browser() {
      return started(browser, 'browser');
    },
    url: (hash = '') => `${handles.origin}/?api=${encodeURIComponent(handles.gateway.url)}${hash}`,
    async open(hash = '', beforePage) {
      const guarded = await newGuardedContext(handles.browser, [new URL(handles.origin).host, new URL(handles.gateway.url).host]);
      contexts.push(guarded);
      await beforePage?.(guarded.context);
      const page = await guarded.context.newPage();
      await page.goto(handles.url(hash));
      return { page, guarded };
    },
  };
  return handles;
}

/**
 * Registers the file's beforeAll / afterAll for `app` in Chromium and returns its handles, which
 * are usable from the tests on (not at import time).
 */
export function useAppInBrowser(app: BuiltApp): AppInBrowser {
  const dist = path.resolve(DISTS[app]);
  const site = useSiteInBrowser({
    async prepare() {
      expect(existsSync(path.join(dist, 'index.html')), `the test setup builds ${DISTS[app]}`).toBe(true);
      return dist;
    },
  });
  return {
    get origin() {
      return site.origin;
    },
    get gateway() {
      return site.gateway;
    },
    get browser() {
      return site.browser;
    },
    url: (hash) => site.url(hash),
    open: (hash) => site.open(hash),
    async signIn(page, user) {
      const form = page.getByRole('form', { name: 'Sign in' });
      await form.getByLabel('Email').fill(user.email);
      await form.getByLabel('Password').fill(user.password);
      await form.getByRole('button', { name: 'Sign in' }).click();
    },
  };
}
