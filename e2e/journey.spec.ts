import type { Page } from '@playwright/test';
import { expect, test } from './fixtures/test';
import { E2E_USERS } from './fixtures/environment';
import { restartServer } from './fixtures/server-control';
import { signedIn } from './fixtures/session';

const ARTICLE = 'putin-north-korea-visit';

/** Finds a claim the way a person does: search for its words, then open its row. */
async function openClaim(page: Page, quote: string) {
  await page.getByTestId('claim-search').fill(quote);
  await page.locator('cd-claims-table [role="row"]', { hasText: quote }).click();
  await expect(page.getByRole('heading', { name: 'Claim', exact: true })).toBeVisible();
}

async function addEvidence(page: Page, url: string, title: string) {
  await page.getByTestId('evidence-url').fill(url);
  await page.getByLabel('Title').fill(title);
  await page.getByRole('button', { name: 'Add evidence', exact: true }).click();
  await expect(page.getByRole('link', { name: title })).toBeVisible();
}

test('a claim goes from research to approval between a checker and an editor', async ({
  browser,
}) => {
  const checker = await signedIn(browser, E2E_USERS.checker.username, `/articles/${ARTICLE}`);
  const editor = await signedIn(browser, E2E_USERS.editor.username, `/articles/${ARTICLE}`);
  const quote = 'nearly five million artillery shells';
  const row = (page: Page) => page.locator('cd-claims-table [role="row"]', { hasText: quote });

  // The editor keeps the claim in view; the checker's work must arrive there without a reload.
  await editor.getByTestId('claim-search').fill(quote);
  await expect(row(editor)).toContainText('New');

  await openClaim(checker, quote);
  await checker.getByRole('button', { name: 'Start research', exact: true }).click();
  await expect(row(checker)).toContainText('Researching');

  await addEvidence(checker, 'https://www.reuters.com/world/shells', 'Reuters on shell shipments');
  await addEvidence(checker, 'https://www.bbc.com/news/world-asia', 'BBC analysis');
  await checker
    .getByTestId('note-text')
    .fill('Two independent sources; the figure is an estimate.');
  await checker.getByRole('button', { name: 'Add note', exact: true }).click();
  await expect(checker.locator('.note-text', { hasText: 'independent sources' })).toBeVisible();
  // Search covers notes: the editor finds the claim by its note, which reaches them live.
  await editor.getByTestId('claim-search').fill('independent sources estimate');
  await expect(row(editor)).toBeVisible();
  await expect(editor.locator('cd-claims-table [role="row"][aria-rowindex]')).toHaveCount(1);

  await checker.getByTestId('verdict').click();
  await checker.getByRole('option', { name: 'False', exact: true }).click();
  await checker
    .getByRole('textbox', { name: 'Rationale', exact: true })
    .fill('Estimates cited vary; the figure is not established.');
  await checker.getByRole('button', { name: 'Save finding', exact: true }).click();
  await expect(checker.getByText('Saved', { exact: true })).toBeVisible();
  await checker.getByRole('button', { name: 'Submit for review', exact: true }).click();
  await expect(row(checker)).toContainText('In review');
  // A checker is never offered approval.
  await expect(checker.getByRole('button', { name: 'Approve', exact: true })).toBeDisabled();

  // The editor sees it arrive without a reload.
  await expect(row(editor)).toContainText('In review');
  await row(editor).click();
  await editor.getByRole('button', { name: 'Request changes', exact: true }).click();
  await editor.getByRole('dialog').getByLabel('Note').fill('Name the sources in the rationale.');
  await editor
    .getByRole('dialog')
    .getByRole('button', { name: 'Request changes', exact: true })
    .click();
  await expect(row(editor)).toContainText('Changes requested');

  await expect(row(checker)).toContainText('Changes requested');
  // The request opens the checker's panel: its note, who wrote it and when, above all else.
  await expect(checker.getByTestId('change-request')).toContainText(
    'Name the sources in the rationale.',
  );
  await expect(checker.locator('.note-text', { hasText: 'Name the sources' })).toBeVisible();
  await checker
    .getByRole('textbox', { name: 'Rationale', exact: true })
    .fill('Reuters and the BBC cite differing estimates; not established.');
  await checker.getByRole('button', { name: 'Save finding', exact: true }).click();
  await expect(checker.getByText('Saved', { exact: true })).toBeVisible();
  await checker.getByRole('button', { name: 'Submit for review', exact: true }).click();
  await expect(row(checker)).toContainText('In review');

  await expect(row(editor)).toContainText('In review');
  await editor.getByRole('button', { name: 'Approve', exact: true }).click();
  await expect(row(editor)).toContainText('Approved');
  await expect(row(checker)).toContainText('Approved');

  const history = editor.locator('cd-history-timeline');
  await expect(history).toContainText('casey started research on the claim');
  await expect(history).toContainText('casey submitted the claim as False');
  await expect(history).toContainText('dana requested changes on the claim');
  await expect(history).toContainText('dana approved the claim as False');
  await editor.screenshot({ path: 'test-results/screens/claim-approved.png', fullPage: true });

  // After a server restart everything is still there, as a reload shows.
  await restartServer();
  await editor.reload();
  const panel = editor.locator('cd-claim-panel');
  await expect(panel.getByRole('heading', { name: 'Claim', exact: true })).toBeVisible();
  await expect(row(editor)).toContainText('Approved');
  await expect(row(editor)).toContainText('False');
  await expect(panel.locator('.status')).toContainText('Approved');
  await expect(panel.locator('.status')).toContainText('False');
  // Approved, the finding reads as text, in full.
  await expect(panel.getByTestId('finding-rationale')).toHaveText(
    'Reuters and the BBC cite differing estimates; not established.',
  );
  await expect(panel.getByRole('link', { name: 'Reuters on shell shipments' })).toHaveAttribute(
    'href',
    'https://www.reuters.com/world/shells',
  );
  await expect(panel.getByRole('link', { name: 'BBC analysis' })).toBeVisible();
  await expect(panel.locator('.note-text', { hasText: 'independent sources' })).toBeVisible();
  await expect(panel.locator('.note-text', { hasText: 'Name the sources' })).toBeVisible();
  for (const entry of [
    'casey started research on the claim',
    'casey submitted the claim as False',
    'dana requested changes on the claim',
    'dana approved the claim as False',
  ]) {
    await expect(panel.locator('cd-history-timeline')).toContainText(entry);
  }
  // The search by note text in the reloaded URL still finds the claim: the notes were kept.
  await expect(editor.getByTestId('claim-search')).toHaveValue('independent sources estimate');
  await expect(editor.locator('cd-claims-table [role="row"][aria-rowindex]')).toHaveCount(1);
  // The checker's session outlived the restart too.
  await checker.reload();
  await expect(checker.getByTestId('current-user')).toBeVisible();
  await expect(row(checker)).toContainText('Approved');
});

test('a javascript: link is refused and HTML in a note shows as text', async ({ browser }) => {
  const page = await signedIn(browser, E2E_USERS.checker.username, `/articles/${ARTICLE}`);
  await openClaim(page, 'satellite images');
  await page.getByTestId('evidence-url').fill('javascript:alert(1)');
  await page.getByLabel('Title').fill('Evil');
  await page.getByRole('button', { name: 'Add evidence', exact: true }).click();
  await expect(page.getByText('Only http:// and https:// links can be evidence.')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Evil' })).toHaveCount(0);

  // A valid link is added, then corrected in place.
  await addEvidence(page, 'https://example.org/satellite', 'Satelite imagery');
  await page.getByRole('button', { name: 'Edit evidence Satelite imagery', exact: true }).click();
  const editor = page.getByRole('form', { name: 'Save evidence' });
  await editor.getByLabel('Title').fill('Satellite imagery of Pyongyang');
  await editor.getByRole('button', { name: 'Save evidence', exact: true }).click();
  await expect(page.getByRole('link', { name: 'Satellite imagery of Pyongyang' })).toBeVisible();
  await expect(page.locator('cd-history-timeline')).toContainText('edited evidence of the claim');

  const html = '<img src=x onerror="window.__pwned=1"><b>bold</b>';
  await page.getByTestId('note-text').fill(html);
  await page.getByRole('button', { name: 'Add note', exact: true }).click();
  await expect(page.locator('.note-text', { hasText: '<b>bold</b>' })).toBeVisible();
  expect(
    await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned),
  ).toBeUndefined();
  await expect(page.locator('.note-text b')).toHaveCount(0);
});

test('a save by someone else shows both versions at once and keeps what was typed', async ({
  browser,
}) => {
  const quote = 'Kremlin has now confirmed';
  const first = await signedIn(browser, E2E_USERS.checker.username, `/articles/${ARTICLE}`);
  const second = await signedIn(browser, E2E_USERS.editor.username, `/articles/${ARTICLE}`);
  await openClaim(first, quote);
  await openClaim(second, quote);

  await second
    .getByRole('textbox', { name: 'Rationale', exact: true })
    .fill('The editor’s rationale, typed first.');
  await first
    .getByRole('textbox', { name: 'Rationale', exact: true })
    .fill('The checker’s rationale, saved first.');
  await first.getByRole('button', { name: 'Save finding', exact: true }).click();
  await expect(first.getByText('Saved', { exact: true })).toBeVisible();

  // Told at once, without pressing Save.
  const conflict = second.getByRole('alertdialog');
  await expect(conflict).toContainText('Someone else changed this claim');
  await expect(conflict).toContainText('The editor’s rationale, typed first.');
  await expect(conflict).toContainText('The checker’s rationale, saved first.');
  await conflict.getByRole('button', { name: 'Keep mine', exact: true }).click();
  await expect(second.getByText('Your version was saved')).toBeVisible();
  await expect(first.getByRole('textbox', { name: 'Rationale', exact: true })).toHaveValue(
    'The editor’s rationale, typed first.',
  );
});
