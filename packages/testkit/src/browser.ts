import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

// Browser tests drive Debian's Chromium (never a downloaded build) through playwright-core, with
// the network cut off beyond the servers a test names. Import from '@sx/testkit/browser', so
// tests without a browser do not load playwright.

export const CHROMIUM_PATH = '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic', '--no-first-run', '--disable-component-update', '--disable-sync'];
export const VIEWPORT = { width: 1280, height: 800 };
/** Long enough for a browser journey through the live stack on a busy two-core machine. */
export const BROWSER_TEST_MS = 90_000;

/** A fresh headless Chromium; every context it opens is a fresh, empty profile. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

export interface GuardedContext {
  context: BrowserContext;
  /** Requests (HTTP and WebSocket) the pages tried to make to anywhere else (all refused). */
  offsite: string[];
  /** Console errors and uncaught exceptions of every page of the context, CSP violations among them. */
  errors: string[];
}

/**
 * A browser context whose pages may reach only `allowedHosts` (URL `host`s: "127.0.0.1:4000");
 * anything else is refused and recorded, so a test can assert that nothing tried.
 */
export async function newGuardedContext(browser: Browser, allowedHosts: string[]): Promise<GuardedContext> {
  // A fixed locale: pages format money and dates the same way on every machine.
  const context = await browser.newContext({ viewport: VIEWPORT, locale: 'en-US' });
  const offsite: string[] = [];
  const errors: string[] = [];
  const allowed = (url: URL) => allowedHosts.includes(url.host);
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (allowed(new URL(url))) return route.continue();
    offsite.push(url);
    return route.abort('blockedbyclient');
  });
  // Only the sockets to refuse are routed: the allowed ones connect as they are, unproxied.
  await context.routeWebSocket(
    (url) => !allowed(url),
    (socket) => {
      offsite.push(socket.url());
      void socket.close({ code: 1008, reason: 'blocked by the test' });
    },
  );
  context.on('page', (page) => {
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    page.on('pageerror', (err) => errors.push(err.message));
  });
  return { context, offsite, errors };
}

/**
 * Saves a screenshot of the viewport to `<dir>/<name>.png` for people to look at, and checks it
 * is a PNG of the viewport's size. Tests assert on the page's text, never on pixels.
 */
export async function saveScreenshot(page: Page, dir: string, name: string): Promise<string> {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.png`);
  await page.screenshot({ path: file });
  const png = readFileSync(file);
  // IHDR, right after the 8-byte signature and the chunk's length and type, holds width and height.
  const size = { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
  if (png.subarray(1, 4).toString('latin1') !== 'PNG' || size.width !== VIEWPORT.width || size.height !== VIEWPORT.height) {
    throw new Error(`${file} is not a ${VIEWPORT.width}×${VIEWPORT.height} PNG screenshot`);
  }
  return file;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ttf': 'font/ttf',
  '.json': 'application/json',
};

export interface StaticSite {
  server: Server;
  /** http://127.0.0.1:<port> */
  origin: string;
  close(): Promise<void>;
}

/** Serves a built app's files (`dir`) on a free port of 127.0.0.1: GET only, nothing outside `dir`. */
export async function serveStatic(dir: string): Promise<StaticSite> {
  const root = path.resolve(dir);
  const server = createServer((req, res) => {
    const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://app').pathname);
    const file = path.join(root, pathname === '/' ? 'index.html' : pathname);
    const inside = file.startsWith(`${root}${path.sep}`);
    if (req.method !== 'GET' || !inside || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
      return;
    }
    res.writeHead(200, { 'content-type': CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    server,
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
