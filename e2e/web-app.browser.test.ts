import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { completeTaskAs, eventually, gqlOk, postTaskAs, signUpUser, type TestUser } from '@sx/testkit';
import { BROWSER_TEST_MS, saveScreenshot } from '@sx/testkit/browser';
import { useAppInBrowser } from './browser-app.js';

// The example web app (examples/web, built by the test setup) in Debian's Chromium: a poster and a
// tasker in two browser profiles, each only able to reach the app's static server and a gateway
// started here for the app's origin. Screenshots land in test-results/web/ (git-ignored); the
// assertions read the pages' text.

const SCREENSHOTS = path.resolve('test-results/web');
const STEP_MS = 20_000;
const app = useAppInBrowser('web');

/** Waits until the test gateway holds exactly these live subscriptions (only this test uses it). */
async function liveSubscriptions(expected: Record<'bidEvents' | 'taskEvents' | 'paymentEvents', number>): Promise<void> {
  const { hub } = app.gateway.live;
  const read = async () => ({ bidEvents: hub.count('bidEvents'), taskEvents: hub.count('taskEvents'), paymentEvents: hub.count('paymentEvents') });
  await eventually(read, (counts) => JSON.stringify(counts) === JSON.stringify(expected), { what: `live subscriptions ${JSON.stringify(expected)}` });
}

/** The visible text of the first element matching, once it contains `text`. */
async function textOnceShown(page: Page, selector: string, text: string | RegExp): Promise<string> {
  const element = page.locator(selector).filter({ hasText: text }).first();
  await element.waitFor({ timeout: STEP_MS });
  return element.innerText();
}

describe('the example web app in Chromium', () => {
  it('posts a task, shows a bid from another browser live, accepts it and shows the payment held and the task assigned live', { timeout: BROWSER_TEST_MS * 2 }, async () => {
    const run = Date.now().toString(36);
    const title = `Fix a dripping tap ${run}`;
    // A place of its own, so the tasker's nearby search finds this task among other runs' tasks.
    const place = { lat: (-40 + Math.random() * 20).toFixed(5), lng: (100 + Math.random() * 20).toFixed(5) };
    const password = 'correct horse battery staple';
    const posterEmail = `poster.${run}@example.test`;

    // The poster signs up, signs out and signs in again, all through the forms.
    const { page: poster, guarded: posterBrowser } = await app.open();
    const signUp = poster.getByRole('form', { name: 'Create an account' });
    await signUp.getByLabel('Name').fill(`Poppy ${run}`);
    await signUp.getByLabel('Email').fill(posterEmail);
    await signUp.getByLabel('Password').fill(password);
    await signUp.getByRole('button', { name: 'Sign up' }).click();
    await textOnceShown(poster, 'header', `Signed in as Poppy ${run}`);
    await poster.getByRole('button', { name: 'Sign out' }).click();
    await poster.getByRole('form', { name: 'Sign in' }).waitFor();
    await liveSubscriptions({ bidEvents: 0, taskEvents: 0, paymentEvents: 0 }); // the old session's are gone
    await app.signIn(poster, { email: posterEmail, password });
    await textOnceShown(poster, 'header', `Signed in as Poppy ${run}`);
    // The SDK keeps the session through the app's localStorage adapter, one key per API URL.
    const stored = await poster.evaluate(`localStorage.getItem(${JSON.stringify(`sx.session:${app.gateway.url}`)})`);
    expect(JSON.parse(String(stored))).toEqual({ accessToken: expect.any(String), refreshToken: expect.any(String) });

    // Funds first (accepting a bid holds its amount), then the task, at the test's own place.
    await poster.getByLabel('Amount to deposit').fill('100');
    await poster.getByLabel('Currency', { exact: true }).selectOption('EUR');
    await poster.getByRole('button', { name: 'Deposit' }).click();
    expect(await textOnceShown(poster, '[aria-label="Balances"] li', 'EUR')).toBe('EUR: €100.00 available, €0.00 held');
    await poster.getByRole('link', { name: 'Post a task' }).click();
    await poster.getByLabel('Title').fill(title);
    await poster.getByLabel('Description').fill('The kitchen tap drips all night.');
    await poster.getByLabel('Budget', { exact: true }).fill('50');
    await poster.getByLabel('Budget currency').selectOption('EUR');
    await poster.getByLabel('Latitude').fill(place.lat);
    await poster.getByLabel('Longitude').fill(place.lng);
    await poster.getByRole('button', { name: 'Post task' }).click();
    await poster.getByRole('heading', { name: title }).waitFor({ timeout: STEP_MS });
    expect(await poster.getByTestId('task-status').innerText()).toBe('OPEN');
    expect(await textOnceShown(poster, 'section', 'Bids')).toContain('No bids yet');
    // Nothing may reload the poster's page from here on: whatever changes must arrive live.
    await poster.evaluate('window.sxNotReloaded = true');
    await liveSubscriptions({ bidEvents: 1, taskEvents: 1, paymentEvents: 1 });
    await saveScreenshot(poster, SCREENSHOTS, '1-poster-task-open');

    // The tasker, in another browser profile, signs in, finds the task nearby and bids.
    const tasker = await signUpUser({ roles: ['TASKER'], name: `Tara ${run}` });
    const { page: taskerPage, guarded: taskerBrowser } = await app.open();
    await app.signIn(taskerPage, tasker);
    const search = taskerPage.getByRole('form', { name: 'Search near' });
    await search.getByLabel('Latitude').fill(place.lat);
    await search.getByLabel('Longitude').fill(place.lng);
    await search.getByRole('button', { name: 'Search' }).click();
    await taskerPage.getByRole('list', { name: 'Nearby open tasks' }).getByRole('link', { name: title }).click({ timeout: STEP_MS });
    await taskerPage.getByRole('heading', { name: title }).waitFor({ timeout: STEP_MS });
    await liveSubscriptions({ bidEvents: 2, taskEvents: 2, paymentEvents: 2 });
    await taskerPage.getByLabel(/Your price/).fill('45');
    await taskerPage.getByLabel('Message to the poster').fill('I can come tomorrow morning.');
    await taskerPage.getByRole('button', { name: 'Place bid' }).click();
    expect(await textOnceShown(taskerPage, '[aria-label="Your bids"] li', `Tara ${run}`)).toContain('offers €45.00 — status PENDING');
    await saveScreenshot(taskerPage, SCREENSHOTS, '2-tasker-bid-placed');

    // The bid shows up on the poster's page by itself.
    const bidOnPoster = await textOnceShown(poster, '[aria-label="Bids"] li', `Tara ${run}`);
    expect(bidOnPoster).toContain(`Tara ${run} offers €45.00 — status PENDING`);
    expect(bidOnPoster).toContain('I can come tomorrow morning.');
    await saveScreenshot(poster, SCREENSHOTS, '3-poster-bid-arrived-live');

    // Accepting holds the money and assigns the task; both pages learn it live.
    await poster.getByRole('button', { name: `Accept the bid of Tara ${run}` }).click();
    expect(await textOnceShown(poster, '[aria-label="Bids"] li', 'ACCEPTED')).toContain(`Tara ${run} offers €45.00 — status ACCEPTED`);
    expect(await textOnceShown(poster, '[aria-labelledby="payment-heading"] p', 'HELD')).toBe(`Payment: HELD — €45.00 from Poppy ${run} to Tara ${run}`);
    await textOnceShown(poster, '[data-testid="task-status"]', 'ASSIGNED');
    expect(await textOnceShown(poster, 'dl', 'Assigned to')).toContain(`Tara ${run}`);
    expect(await textOnceShown(poster, '[aria-label="Balances"] li', '€45.00 held')).toBe('EUR: €55.00 available, €45.00 held');
    expect(await poster.getByRole('button', { name: /Accept the bid/ }).count()).toBe(0);
    expect(await poster.evaluate('window.sxNotReloaded')).toBe(true);
    await saveScreenshot(poster, SCREENSHOTS, '4-poster-payment-held-task-assigned');

    expect(await textOnceShown(taskerPage, '[aria-label="Your bids"] li', 'ACCEPTED')).toContain('offers €45.00 — status ACCEPTED');
    await textOnceShown(taskerPage, '[data-testid="task-status"]', 'ASSIGNED');
    await saveScreenshot(taskerPage, SCREENSHOTS, '5-tasker-bid-accepted');

    // A reload keeps the session (localStorage) and shows the same state, fetched this time.
    await poster.reload();
    await textOnceShown(poster, 'header', `Signed in as Poppy ${run}`);
    await textOnceShown(poster, '[data-testid="task-status"]', 'ASSIGNED');
    expect(await textOnceShown(poster, '[aria-labelledby="payment-heading"] p', 'HELD')).toContain('Payment: HELD — €45.00');

    for (const browserProfile of [posterBrowser, taskerBrowser]) {
      expect(browserProfile.offsite).toEqual([]);
      expect(browserProfile.errors).toEqual([]);
    }
  });
});

describe('questions and blind reviews on the task page', () => {
  const as = (user: TestUser) => ({ token: user.accessToken });

  it('asks a public question the poster answers, and shows a review hidden until the other side reviews', { timeout: BROWSER_TEST_MS * 2 }, async () => {
    const run = Date.now().toString(36);
    const [poster, tasker] = await Promise.all([signUpUser({ name: `Pia ${run}` }), signUpUser({ name: `Theo ${run}` })]);
    const openTaskId = await postTaskAs(poster, { title: `Hang three shelves ${run}`, location: { lat: 52.5163, lng: 13.3777, address: '1 Pariser Platz, Mitte, 10117 Berlin' } });
    const doneTaskId = await postTaskAs(poster, { title: `Clean the windows ${run}`, budget: 3_000 });
    await completeTaskAs(poster, tasker, doneTaskId, 3_000);

    const { page, guarded } = await app.open();
    await app.signIn(page, tasker);
    await textOnceShown(page, 'header', `Signed in as Theo ${run}`);

    // An open task: the tasker sees only the locality, and asks a question everyone can read.
    await page.goto(app.url(`#/tasks/${openTaskId}`));
    expect(await textOnceShown(page, 'dl', 'Where')).toContain('Mitte, Berlin (approximate');
    expect(await page.locator('dl').innerText()).not.toContain('Pariser Platz');
    await page.getByLabel('Your question (everyone can read it)').fill('Are the wall plugs provided?');
    await page.getByRole('button', { name: 'Ask' }).click();
    const question = await textOnceShown(page, '[data-testid="question"]', 'Are the wall plugs provided?');
    expect(question).toContain(`Theo ${run} asked: Are the wall plugs provided?`);

    const asked = await gqlOk<{ task: { questions: { edges: { node: { id: string } }[] } } }>(
      `query($id: ID!) { task(id: $id) { questions { edges { node { id } } } } }`,
      { id: openTaskId },
    );
    const questionId = asked.task.questions.edges[0]?.node.id;
    await gqlOk(`mutation($input: AnswerQuestionInput!) { answerQuestion(input: $input) { id } }`, { input: { questionId, text: 'Yes, and a drill.' } }, as(poster));
    await page.reload();
    expect(await textOnceShown(page, '[data-testid="question"]', 'Answer:')).toContain('Answer: Yes, and a drill.');
    await saveScreenshot(page, SCREENSHOTS, '6-tasker-question-answered');

    // A completed task: the tasker's review stays hidden until the poster reviews too.
    await page.goto(app.url(`#/tasks/${doneTaskId}`));
    await textOnceShown(page, '[data-testid="task-status"]', 'COMPLETED');
    await page.getByLabel('Rating (1 to 5 stars)').selectOption('4');
    await page.getByLabel('Comment').fill('Clear brief, quick to pay.');
    await page.getByRole('button', { name: 'Leave review' }).click();
    expect(await textOnceShown(page, '[data-testid="review"]', 'hidden')).toContain('hidden until the other side reviews');
    await saveScreenshot(page, SCREENSHOTS, '7-tasker-review-hidden');

    await gqlOk(`mutation($input: LeaveReviewInput!) { leaveReview(input: $input) { id } }`, { input: { taskId: doneTaskId, rating: 5, comment: 'Spotless.' } }, as(poster));
    await page.reload();
    await textOnceShown(page, '[data-testid="review"]', 'Spotless.');
    const reviews = await page.locator('[data-testid="review"]').allInnerTexts();
    expect(reviews).toHaveLength(2);
    expect(reviews.join('\n')).not.toContain('hidden until');
    expect(guarded.offsite).toEqual([]);
    expect(guarded.errors).toEqual([]);
  });
});
