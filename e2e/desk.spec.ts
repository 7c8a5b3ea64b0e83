import type { APIRequestContext, Browser, Page } from '@playwright/test';
import { expect, test } from './fixtures/test';
import { E2E_PASSWORD, E2E_USERS } from './fixtures/environment';
import { signedIn } from './fixtures/session';

/**
 * The desk across articles: an editor bulk-assigns claims of one article (two of
 * them refused) and undoes it, a fact-checker finds her claims of two articles on
 * My work with their due dates, a due date passes while she looks, and what she
 * submits from both articles waits for the editor's review on his.
 */

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const SENTENCES = [
  'The council spent £4.2m on road repairs in 2025.',
  'Bus fares rose by 12% in March.',
  'The mayor said 300 new homes were finished last year.',
  'Unemployment in the city fell to 3.1%.',
  'The river flooded four times since 2020.',
  'School budgets were cut by a fifth.',
  'Recycling rates doubled in two years.',
  'The new bridge cost twice its estimate.',
  'Crime fell by 20% after the lighting scheme.',
  'Hospital waiting lists reached 14,000 people.',
];

interface CreatedClaim {
  readonly id: string;
  readonly version: number;
}

/** An article with one claim per sentence, added through the API as the editor would by hand. */
async function articleWithClaims(api: APIRequestContext, headline: string, count: number) {
  const text = SENTENCES.slice(0, count).join('\n\n');
  const added = await api.post('/api/articles', { data: { source: 'text', headline, text } });
  expect(added.status(), await added.text()).toBe(201);
  const article = (await added.json()) as { id: string };
  const claims: CreatedClaim[] = [];
  for (const sentence of SENTENCES.slice(0, count)) {
    const start = text.indexOf(sentence);
    const created = await api.post(`/api/articles/${article.id}/claims`, {
      data: { start, end: start + sentence.length, statement: sentence, kind: 'figure' },
    });
    expect(created.status(), await created.text()).toBe(201);
    claims.push((await created.json()) as CreatedClaim);
  }
  return { id: article.id, claims };
}

async function patchClaim(api: APIRequestContext, claim: CreatedClaim, body: object) {
  const current = (await (await api.get(`/api/claims/${claim.id}`)).json()) as CreatedClaim;
  const response = await api.patch(`/api/claims/${claim.id}`, {
    data: body,
    headers: { 'if-match': `"${current.version}"` },
  });
  expect(response.status(), await response.text()).toBe(200);
}

/** Signed in with the page's clock under the test's control, so a due date can pass. */
async function signedInWithClock(browser: Browser, username: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.clock.install();
  await page.goto('/sign-in');
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(E2E_PASSWORD);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByTestId('current-user')).toBeVisible();
  return page;
}

test('an editor bulk-assigns and undoes; a fact-checker’s work across articles, with deadlines', async ({
  browser,
}) => {
  const checker = E2E_USERS.checker.username;
  const editor = await signedIn(browser, E2E_USERS.editor.username, '/claims');
  const api = editor.request;
  const budget = await articleWithClaims(api, 'Desk journey: the council budget', 10);
  const transport = await articleWithClaims(api, 'Desk journey: the transport plan', 2);
  for (const claim of budget.claims.slice(8)) {
    const dismissed = await api.post(`/api/claims/${claim.id}/transitions`, {
      data: { action: 'dismiss', reason: 'not_check_worthy' },
    });
    expect(dismissed.status(), await dismissed.text()).toBe(200);
  }

  // Ten claims of one article, two of them dismissed: the bulk assign refuses those two.
  await editor.goto(`/claims?article=${budget.id}`);
  const list = editor.locator('cd-desk-claim-list');
  await expect(list.getByTestId('list-count')).toContainText('10');
  const bar = editor.getByRole('toolbar', { name: 'Bulk actions on the selected claims' });
  const assignAll = async () => {
    await list.getByRole('checkbox', { name: /^Select all/ }).check();
    await expect(bar).toContainText('10 claims selected');
    await bar.getByRole('button', { name: /^Assign/ }).click();
    await editor.getByRole('menuitem', { name: checker, exact: true }).click();
  };
  await assignAll();
  // The outcome snack bar; the one before may still be on its way out.
  const snack = (words: string) =>
    editor.locator('mat-snack-bar-container').filter({ hasText: words });
  await expect(snack('8 assigned; 2 refused: already dismissed')).toBeVisible();
  await expect(list.locator('.row', { hasText: checker })).toHaveCount(8);

  await snack('8 assigned').getByRole('button', { name: 'Undo', exact: true }).click();
  await expect(snack('Undone for 8')).toBeVisible();
  await expect(list.locator('.row', { hasText: 'Nobody assigned' })).toHaveCount(10);

  // Assigned again, to stay; a claim of the other article too, overdue by two days.
  await assignAll();
  await expect(snack('8 assigned; 2 refused')).toBeVisible();
  await patchClaim(api, budget.claims[0], {
    dueAt: new Date(Date.now() + 30 * 60_000).toISOString(),
  });
  await patchClaim(api, transport.claims[0], {
    assignee: checker,
    dueAt: new Date(Date.now() - 2 * DAY - HOUR).toISOString(),
  });

  // The editor's own desk lists the overdue claim, in words.
  await editor.goto('/');
  const overdueQueue = editor.locator('#queue-overdue');
  const late = overdueQueue.locator('.row', { hasText: SENTENCES[0] }).filter({
    hasText: 'transport plan',
  });
  await expect(late).toContainText('Overdue by 2 days');

  // The fact-checker lands on My work: her new claims from both articles, with due dates.
  const casey = await signedInWithClock(browser, checker);
  await expect(casey).toHaveURL(/\/$/);
  const mine = casey.locator('#queue-assigned_new');
  await expect(mine.getByTestId('list-count')).toContainText('9');
  await expect(mine.locator('.row', { hasText: 'transport plan' })).toContainText(
    'Overdue by 2 days',
  );
  const dueSoon = mine.locator('.row', { hasText: 'council budget' }).filter({
    hasText: SENTENCES[0],
  });
  await expect(dueSoon).toContainText('Due in');
  await expect(casey.getByRole('link', { name: /New, assigned to you: 9 claims/ })).toBeVisible();

  // Two hours later by her clock, the due date has passed: the row says so in words.
  await casey.clock.fastForward(2 * HOUR);
  await expect(dueSoon).toContainText('Overdue by 1 hour');

  // She submits one claim of each article; the editor finds both waiting for his review.
  for (const claim of [budget.claims[1], transport.claims[1]]) {
    const started = await casey.request.post(`/api/claims/${claim.id}/transitions`, {
      data: { action: 'start' },
    });
    expect(started.status(), await started.text()).toBe(200);
    await patchClaim(casey.request, claim, {
      verdict: 'unproven',
      rationale: 'No record either way yet.',
    });
    const submitted = await casey.request.post(`/api/claims/${claim.id}/transitions`, {
      data: { action: 'submit' },
    });
    expect(submitted.status(), await submitted.text()).toBe(200);
  }
  const review = editor.locator('#queue-awaiting_review');
  await expect(review.locator('.row', { hasText: 'council budget' })).toContainText(SENTENCES[1]);
  await expect(review.locator('.row', { hasText: 'transport plan' })).toContainText(SENTENCES[1]);

  // A row opens the claim in its article's workspace.
  await dueSoon.getByRole('link').click();
  await expect(casey).toHaveURL(
    new RegExp(`/articles/${budget.id}\\?claim=${budget.claims[0].id}`),
  );
  await expect(casey.getByRole('heading', { name: 'Claim', exact: true })).toBeVisible();
});
