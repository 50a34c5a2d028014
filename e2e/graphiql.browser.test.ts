import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, gqlOk, signUpUser, stackInfo, type TestUser } from '@sx/testkit';
import { BROWSER_TEST_MS, launchChromium, newGuardedContext, saveScreenshot } from '@sx/testkit/browser';

// GraphiQL in a real browser (Debian's Chromium driven by playwright-core) against the test
// stack's gateway, with every request that is not to the gateway itself refused: the page must
// work offline. Screenshots land in test-results/graphiql/ (git-ignored) for people to look at;
// the assertions read the page's text, never pixels.

const SCREENSHOTS = path.resolve('test-results/graphiql');

let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

interface OpenedGraphiql {
  page: Page;
  context: BrowserContext;
  /** Requests the page tried to make to anywhere but the gateway (all refused). */
  offsite: string[];
  /** Console errors and uncaught exceptions, CSP violations among them. */
  errors: string[];
}

/** A fresh browser profile on the gateway's GraphiQL, with the network cut off beyond the gateway. */
async function openGraphiql(): Promise<OpenedGraphiql> {
  const gatewayUrl = stackInfo().gatewayUrl;
  const { context, offsite, errors } = await newGuardedContext(browser, [new URL(gatewayUrl).host]);
  const page = await context.newPage();
  await page.goto(gatewayUrl);
  await page.locator('.graphiql-query-editor .monaco-editor').waitFor();
  return { page, context, offsite, errors };
}

// Runs in the page (as source text: this project's type-check has no DOM library).
const PASTE_INTO_FOCUSED = `(text) => {
  const clipboardData = new DataTransfer();
  clipboardData.setData('text/plain', text);
  document.activeElement.dispatchEvent(new ClipboardEvent('paste', { clipboardData, bubbles: true, cancelable: true }));
}`;

/** Replaces the text of a Monaco editor by pasting, so its auto-closing brackets do not double up. */
async function setEditorText(page: Page, editorSelector: string, text: string): Promise<void> {
  await page.locator(`${editorSelector} .monaco-editor .view-lines`).click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.evaluate(`(${PASTE_INTO_FOCUSED})(${JSON.stringify(text)})`);
}

/**
 * Pastes `operation` into the query editor and runs it. GraphiQL picks up the operation's name a
 * moment after an edit (it names the tab after it); running before that would send the previous
 * operation's name with the new document.
 */
async function runOperation(page: Page, operationName: string, operation: string): Promise<void> {
  await setEditorText(page, '.graphiql-query-editor', operation);
  await page.locator('.graphiql-tab-active').getByText(operationName, { exact: true }).waitFor();
  await page.locator('.graphiql-execute-button').click();
}

/** What the result pane shows (Monaco renders spaces as no-break spaces). */
async function resultText(page: Page): Promise<string> {
  return (await page.locator('.graphiql-response').innerText()).replace(/\u00a0/g, ' ');
}

async function screenshot(page: Page, name: string): Promise<void> {
  await saveScreenshot(page, SCREENSHOTS, name);
}

async function postTask(poster: TestUser, title: string): Promise<string> {
  const data = await gqlOk<{ postTask: { id: string } }>(
    `mutation($input: PostTaskInput!) { postTask(input: $input) { id } }`,
    { input: { title, category: 'HANDYMAN', budget: { amount: 5_000, currency: 'EUR' } } },
    { token: poster.accessToken },
  );
  return data.postTask.id;
}

describe('GraphiQL in Chromium', () => {
  it('loads with no request beyond the gateway, runs a query and shows the docs', { timeout: BROWSER_TEST_MS }, async () => {
    const poster = await signUpUser({ roles: ['POSTER'] });
    const title = `Hang a mirror ${Date.now().toString(36)}`;
    const taskId = await postTask(poster, title);
    const { page, context, offsite, errors } = await openGraphiql();
    try {
      await runOperation(page, 'ShowTask', `query ShowTask { task(id: "${taskId}") { id title status } }`);
      const result = await eventually(() => resultText(page), (text) => text.includes(title), { what: 'the query result in the result pane' });
      expect(result).toContain(`"id": "${taskId}"`);
      expect(result).toContain('"status": "OPEN"');
      await screenshot(page, 'query');

      await page.getByRole('button', { name: 'Show Documentation Explorer' }).click();
      const docs = page.locator('.graphiql-doc-explorer');
      await docs.getByRole('link', { name: 'Query', exact: true }).click();
      // The Query type's page lists its fields with their descriptions, from introspection.
      await docs.getByRole('link', { name: 'tasks', exact: true }).waitFor();
      expect(await docs.innerText()).toContain('TaskConnection');
      await screenshot(page, 'docs');

      expect(offsite).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('streams a task event over graphql-ws with the token typed in the headers editor', { timeout: BROWSER_TEST_MS }, async () => {
    const poster = await signUpUser({ roles: ['POSTER'] });
    const taskId = await postTask(poster, 'Paint a fence');
    const { page, context, offsite, errors } = await openGraphiql();
    try {
      await page.locator('button[data-name="headers"]').click();
      await setEditorText(page, '.graphiql-editor-tool .graphiql-editor:not(.hidden)', JSON.stringify({ Authorization: `Bearer ${poster.accessToken}` }));
      await runOperation(page, 'WatchTask', `subscription WatchTask { taskEvents(taskId: "${taskId}") { kind task { id title } } }`);

      // The page gives no sign of when the server has the subscription, so change the task until
      // an update shows up: every change is an event, the first after subscribing is delivered.
      let edit = 0;
      const result = await eventually(
        async () => {
          edit += 1;
          await gqlOk(`mutation($id: ID!, $input: UpdateTaskInput!) { updateTask(id: $id, input: $input) { id } }`, { id: taskId, input: { title: `Paint a fence, take ${edit}` } }, { token: poster.accessToken });
          return resultText(page);
        },
        (text) => text.includes('"kind": "UPDATED"'),
        { what: 'a taskEvents payload in the result pane', intervalMs: 500 },
      );
      expect(result).toContain(`"id": "${taskId}"`);
      expect(result).toMatch(/"title": "Paint a fence, take \d+"/);
      await screenshot(page, 'subscription');

      expect(offsite).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
