import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures/test';
import { E2E_USERS } from './fixtures/environment';
import { signedIn } from './fixtures/session';

const SEED = 'putin-north-korea-visit';
const SEED_CLAIM = 'pnk-021';
const SEED_HEADLINE = 'Putin’s visit to North Korea: mutual benefits, symbolism and risks';
const SEED_STATEMENT = 'North Korea has shipped nearly five million artillery shells to Russia.';
const RATIONALE = 'The figure is a South Korean intelligence estimate, not a count.';

/** A later story that repeats the seed article's claim about artillery shells. */
const HEADLINE = 'Arms for oil: the Pyongyang pact';
const STORY = [
  'North Korea has shipped nearly five million artillery shells to Russia, according to officials in Seoul.',
  'The two leaders signed the pact in Pyongyang on Wednesday.',
  'Critics argue the deal is a mistake.',
].join('\n');

/** A request as the page's signed-in person (JSON bodies pass the server's CSRF check). */
async function call(
  page: Page,
  method: 'POST' | 'PATCH',
  url: string,
  data: unknown,
  version?: number,
): Promise<{ version: number }> {
  const response = await page.request.fetch(url, {
    method,
    data,
    headers: version === undefined ? {} : { 'If-Match': `"${version}"` },
  });
  expect(response.status(), `${method} ${url}: ${await response.text()}`).toBeLessThan(300);
  return (await response.json()) as { version: number };
}

/** The earlier check, done the usual way: researched and submitted by one editor, approved by another. */
async function approveSeedClaim(editor: Page, admin: Page) {
  const claim = `/api/claims/${SEED_CLAIM}`;
  let { version } = await call(editor, 'POST', `${claim}/transitions`, { action: 'start' });
  ({ version } = await call(
    editor,
    'PATCH',
    claim,
    { verdict: 'mostly_false', rationale: RATIONALE },
    version,
  ));
  await call(editor, 'POST', `${claim}/evidence`, {
    url: 'https://www.reuters.com/world/asia-pacific/shells',
    title: 'Reuters: Seoul’s estimate of shell shipments',
    stance: 'refutes',
    sourceType: 'secondary',
  });
  await call(editor, 'POST', `${claim}/transitions`, { action: 'submit' });
  await call(admin, 'POST', `${claim}/transitions`, { action: 'approve' });
}

test('a repeated claim is found, marked as a repeat, adopts its earlier check and is published with its first appearance', async ({
  browser,
}) => {
  const editor = await signedIn(browser, E2E_USERS.editor.username, '/articles');
  const admin = await signedIn(browser, E2E_USERS.admin.username, '/articles');
  await approveSeedClaim(editor, admin);

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

  // A new article repeats it: the suggestion shows the earlier check first.
  await editor.goto('/articles/new');
  await editor.getByTestId('intake-headline').fill(HEADLINE);
  await editor.getByTestId('intake-text').fill(STORY);
  await editor.getByTestId('intake-submit').click();
  await expect(editor.getByRole('heading', { name: HEADLINE, level: 1 })).toBeVisible();
  const suggestion = editor.getByTestId('suggestion').filter({ hasText: 'artillery shells' });
  const checked = suggestion.getByTestId('checked-before-match');
  await expect(checked.first()).toContainText(SEED_STATEMENT);
  await expect(checked.first()).toContainText('Mostly false');
  await expect(checked.first()).toContainText('Approved');
  await editor.screenshot({ path: 'test-results/screens/checked-before-suggestion.png' });

  // The new-claim dialog says so too.
  await suggestion.getByRole('button', { name: /^Accept: / }).click();
  const dialog = editor.getByRole('dialog');
  await expect(dialog.getByTestId('checked-before-match').first()).toContainText(SEED_STATEMENT);
  await dialog.getByTestId('new-claim-confirm').click();
  await expect(dialog).toBeHidden();

  // In the claim panel: mark it as a repeat, then adopt the earlier check.
  await editor.locator('mat-button-toggle', { hasText: 'Claims (1)' }).click();
  await editor.locator('cd-claims-table [role="row"]', { hasText: 'artillery shells' }).click();
  const panel = editor.locator('cd-claim-panel');
  const match = panel.getByTestId('checked-before-match').first();
  await expect(match).toContainText(SEED_STATEMENT);
  await match.getByTestId('mark-repeat').click();
  await panel.getByTestId('confirm-memory').click();
  await expect(panel.getByTestId('repeat-of')).toContainText(`Repeat of “${SEED_STATEMENT}”`);
  await panel.getByTestId('adopt-check').click();
  await panel.getByTestId('confirm-memory').click();
  await expect(panel.locator('.status')).toContainText('Mostly false');
  await expect(panel.getByRole('link', { name: 'Reuters: Seoul’s estimate' })).toBeVisible();
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
  expect(review?.itemReviewed?.['firstAppearance']?.headline).toBe(SEED_HEADLINE);
});
