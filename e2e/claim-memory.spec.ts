import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures/test';
import { E2E_USERS } from './fixtures/environment';
import { signedIn } from './fixtures/session';

const SEED = 'putin-north-korea-visit';
const SEED_CLAIM = 'pnk-021';

/**
 * The earlier check: a claim of an article of its own, so that the seed claims other
 * journeys take through the workflow stay as they are.
 */
const EARLIER_HEADLINE = 'Transport authority annual report';
const EARLIER_SENTENCE =
  'The tram network carried 84 million passengers last year, the transport authority said.';
const EARLIER_STATEMENT = 'The tram network carried 84 million passengers last year.';
const RATIONALE = 'The authority counts each change of tram as a new journey.';

/** A later story that repeats it. */
const HEADLINE = 'Trams win back the city';
const STORY = [
  'The city’s tram network carried 84 million passengers last year, according to the transport authority.',
  'The mayor will open a new line in the spring.',
  'Critics argue the fares are too high.',
].join('\n');

/** A request as the page's signed-in person (JSON bodies pass the server's CSRF check). */
async function call<T = { version: number }>(
  page: Page,
  method: 'POST' | 'PATCH',
  url: string,
  data: unknown,
  version?: number,
): Promise<T> {
  const response = await page.request.fetch(url, {
    method,
    data,
    headers: version === undefined ? {} : { 'If-Match': `"${version}"` },
  });
  expect(response.status(), `${method} ${url}: ${await response.text()}`).toBeLessThan(300);
  return (await response.json()) as T;
}

/** The earlier check, done the usual way: researched and submitted by one editor, approved by another. */
async function approvedEarlierCheck(editor: Page, admin: Page) {
  const article = await call<{ id: string }>(editor, 'POST', '/api/articles', {
    source: 'text',
    headline: EARLIER_HEADLINE,
    text: EARLIER_SENTENCE,
  });
  const created = await call<{ id: string }>(editor, 'POST', `/api/articles/${article.id}/claims`, {
    start: 0,
    end: EARLIER_SENTENCE.length,
    statement: EARLIER_STATEMENT,
    kind: 'figure',
  });
  const claim = `/api/claims/${created.id}`;
  let { version } = await call(editor, 'POST', `${claim}/transitions`, { action: 'start' });
  ({ version } = await call(
    editor,
    'PATCH',
    claim,
    { verdict: 'mostly_false', rationale: RATIONALE },
    version,
  ));
  await call(editor, 'POST', `${claim}/evidence`, {
    url: 'https://example.org/transport-authority/annual-report',
    title: 'Annual report: how journeys are counted',
    stance: 'refutes',
    sourceType: 'primary',
  });
  await call(editor, 'POST', `${claim}/transitions`, { action: 'submit' });
  await call(admin, 'POST', `${claim}/transitions`, { action: 'approve' });
}

test('a repeated claim is found, marked as a repeat, adopts its earlier check and is published with its first appearance', async ({
  browser,
}) => {
  const editor = await signedIn(browser, E2E_USERS.editor.username, '/articles');
  const admin = await signedIn(browser, E2E_USERS.admin.username, '/articles');
  await approvedEarlierCheck(editor, admin);

  // Search across everything: the toolbar finds the seed claim and opens it where it is.
  await editor.getByTestId('search-input').fill('artillery shells');
  await editor
    .getByRole('group', { name: 'Claims' })
    .getByTestId('search-result')
    .filter({ hasText: 'artillery shells' })
    .first()
    .click();
  await expect(editor).toHaveURL(new RegExp(`/articles/${SEED}\\?.*claim=${SEED_CLAIM}`));
  await expect(editor.locator('cd-claim-panel')).toContainText('five million artillery shells');

  // A new article repeats the earlier check: its suggestion shows that check first.
  await editor.goto('/articles/new');
  await editor.getByTestId('intake-headline').fill(HEADLINE);
  await editor.getByTestId('intake-text').fill(STORY);
  await editor.getByTestId('intake-submit').click();
  await expect(editor.getByRole('heading', { name: HEADLINE, level: 1 })).toBeVisible();
  const suggestion = editor.getByTestId('suggestion').filter({ hasText: '84 million passengers' });
  // Each row asks whether it was checked before once it is in view.
  await suggestion.scrollIntoViewIfNeeded();
  const checked = suggestion.getByTestId('checked-before-match');
  await expect(checked.first()).toContainText(EARLIER_STATEMENT);
  await expect(checked.first()).toContainText('Mostly false');
  await expect(checked.first()).toContainText('Approved');
  await editor.screenshot({ path: 'test-results/screens/checked-before-suggestion.png' });

  // The new-claim dialog says so too.
  await suggestion.getByRole('button', { name: /^Accept: / }).click();
  const dialog = editor.getByRole('dialog');
  await expect(dialog.getByTestId('checked-before-match').first()).toContainText(EARLIER_STATEMENT);
  await dialog.getByTestId('new-claim-confirm').click();
  await expect(dialog).toBeHidden();

  // In the claim panel: mark it as a repeat, then adopt the earlier check.
  await editor.locator('mat-button-toggle', { hasText: 'Claims (1)' }).click();
  await editor.locator('cd-claims-table [role="row"]', { hasText: '84 million' }).click();
  const panel = editor.locator('cd-claim-panel');
  const match = panel.getByTestId('checked-before-match').first();
  await expect(match).toContainText(EARLIER_STATEMENT);
  await match.getByTestId('mark-repeat').click();
  await panel.getByTestId('confirm-memory').click();
  await expect(panel.getByTestId('repeat-of')).toContainText(`Repeat of “${EARLIER_STATEMENT}”`);
  await panel.getByTestId('adopt-check').click();
  await panel.getByTestId('confirm-memory').click();
  await expect(panel.locator('.status')).toContainText('Mostly false');
  await expect(
    panel.getByRole('link', { name: 'Annual report: how journeys are counted' }),
  ).toBeVisible();
  await expect(panel.locator('cd-history-timeline')).toContainText('adopted the earlier check');
  await editor.screenshot({ path: 'test-results/screens/checked-before-adopted.png' });
  const claimId = new URL(editor.url()).searchParams.get('claim');
  const articleId = new URL(editor.url()).pathname.split('/')[2];

  // The repeat is reviewed like any claim: submitted by the editor, approved by another.
  await panel.getByRole('button', { name: 'Start research', exact: true }).click();
  await expect(panel.locator('.status')).toContainText('Researching');
  await panel.getByRole('button', { name: 'Submit for review', exact: true }).click();
  await expect(panel.locator('.status')).toContainText('In review');
  await admin.goto(`/articles/${articleId}?claim=${claimId}`);
  await admin
    .locator('cd-claim-panel')
    .getByRole('button', { name: 'Approve', exact: true })
    .click();
  await expect(admin.locator('cd-claim-panel .status')).toContainText('Approved');

  // Its ClaimReview names where the claim was first checked.
  await editor.getByTestId('export-menu').click();
  const [file] = await Promise.all([
    editor.waitForEvent('download'),
    editor.locator('[data-format="claimreview"]').click(),
  ]);
  const document = JSON.parse(readFileSync(await file.path(), 'utf8')) as {
    '@graph': { '@type': string; itemReviewed?: Record<string, { headline?: string }> }[];
  };
  const [review] = document['@graph'].filter((node) => node['@type'] === 'ClaimReview');
  expect(review?.itemReviewed?.['appearance']?.headline).toBe(HEADLINE);
  expect(review?.itemReviewed?.['firstAppearance']?.headline).toBe(EARLIER_HEADLINE);
});
