import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures/test';
import { parse } from 'csv-parse/sync';
import { E2E_USERS } from './fixtures/environment';
import { signedIn } from './fixtures/session';

/** A short news story of the kind a desk pastes in: figures, names, places, an opinion. */
const STORY = [
  'Harbour expansion approved',
  '',
  'The city council voted 31 to 4 on Monday to approve a $2.3 billion expansion of the northern harbour, according to the official minutes.',
  'Mayor Lena Ortiz said the project would create 4,000 jobs by 2030.',
  'The port handled 1.2 million containers last year, its highest total since 2008.',
  'Critics argue the plan is a waste of money.',
  '',
  'Funding',
  '',
  'The national government will pay 40 percent of the cost, the transport ministry confirmed in a statement on Tuesday.',
  'Is this the right priority for the city?',
].join('\n');

async function expectNoSeriousViolations(page: Page) {
  const scan = await new AxeBuilder({ page }).analyze();
  const serious = scan.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([]);
}

/** Selects `words` in the article text the way a mouse drag does, then releases the button. */
async function selectWords(page: Page, words: string) {
  await page.evaluate((target) => {
    const article = document.querySelector('cd-article-text article')!;
    const walker = document.createTreeWalker(article, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.textContent?.indexOf(target) ?? -1;
      if (at >= 0) {
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + target.length);
        const selection = document.getSelection()!;
        selection.removeAllRanges();
        selection.addRange(range);
        article.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }));
        return;
      }
    }
    throw new Error(`"${target}" is not in the article text`);
  }, words);
}

/** The Claims / Suggestions switch above the list. */
function listToggle(page: Page, label: string) {
  return page.locator('mat-button-toggle', { hasText: label });
}

async function download(page: Page, format: string): Promise<{ name: string; text: string }> {
  await page.getByTestId('export-menu').click();
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.locator(`[data-format="${format}"]`).click(),
  ]);
  const path = await file.path();
  return { name: file.suggestedFilename(), text: readFileSync(path, 'utf8') };
}

test('an editor adds an article, claims from suggestions and a selection, checks one and exports every format', async ({
  browser,
}) => {
  const editor = await signedIn(browser, E2E_USERS.editor.username, '/articles');
  await editor.getByTestId('add-article').click();
  await expect(editor.getByRole('heading', { name: 'Add an article' })).toBeVisible();
  await expectNoSeriousViolations(editor);
  await editor.getByTestId('intake-headline').fill('Council approves harbour expansion');
  await editor.getByLabel('Outlet').fill('Harbour Gazette');
  await editor.getByLabel('Address of the article').fill('https://example.org/harbour');
  await editor.getByTestId('intake-text').fill(STORY);
  await editor.getByTestId('intake-submit').click();

  // The new article opens on its suggestions; nothing is a claim yet.
  await expect(
    editor.getByRole('heading', { name: 'Council approves harbour expansion' }),
  ).toBeVisible();
  await expect(listToggle(editor, 'Claims (0)')).toBeVisible();
  const suggestions = editor.getByTestId('suggestion');
  await expect(suggestions.first()).toBeVisible();
  await expect(editor.locator('cd-suggestion-list')).not.toContainText('Critics argue');
  await expect(editor.locator('cd-suggestion-list')).not.toContainText('right priority');
  await expectNoSeriousViolations(editor);
  await editor.screenshot({
    path: 'test-results/screens/suggestions-light-laptop.png',
    fullPage: true,
  });

  const before = await suggestions.count();
  for (let accepted = 1; accepted <= 3; accepted += 1) {
    await suggestions
      .first()
      .getByRole('button', { name: /^Accept: / })
      .click();
    const dialog = editor.getByRole('dialog');
    await expect(dialog.getByTestId('new-claim-statement')).not.toHaveValue('');
    await dialog.getByTestId('new-claim-confirm').click();
    await expect(suggestions).toHaveCount(before - accepted);
    await expect(listToggle(editor, `Claims (${accepted})`)).toBeVisible();
  }

  // One more claim from words the suggester left alone: a reported view is checkable too.
  await listToggle(editor, 'Claims (3)').click();
  await selectWords(editor, 'Critics argue the plan is a waste of money');
  await editor.getByTestId('claim-selection').click();
  const dialog = editor.getByRole('dialog');
  await expect(dialog.locator('blockquote')).toHaveText(
    'Critics argue the plan is a waste of money',
  );
  await dialog
    .getByTestId('new-claim-statement')
    .fill('Critics of the harbour plan have called it a waste of money.');
  await dialog.getByTestId('new-claim-confirm').click();
  await expect(listToggle(editor, 'Claims (4)')).toBeVisible();
  const selected = editor.locator('cd-claims-table [role="row"]', {
    hasText: 'Critics argue the plan',
  });
  await expect(selected).toContainText('New');
  await expect(
    editor.locator('cd-article-text mark', { hasText: 'Critics argue the plan' }),
  ).toBeVisible();

  // A fact-checker checks that claim; the editor approves it.
  const articleUrl = new URL(editor.url()).pathname;
  const checker = await signedIn(browser, E2E_USERS.checker.username, articleUrl);
  await checker.getByTestId('claim-search').fill('waste of money');
  await checker.locator('cd-claims-table [role="row"]', { hasText: 'waste of money' }).click();
  await checker.getByRole('button', { name: 'Start research', exact: true }).click();
  await checker.getByTestId('evidence-url').fill('https://example.org/council-debate');
  await checker.getByLabel('Title').fill('Council debate transcript');
  await checker.getByRole('button', { name: 'Add evidence', exact: true }).click();
  await expect(checker.getByRole('link', { name: 'Council debate transcript' })).toBeVisible();
  await checker.getByTestId('verdict').click();
  await checker.getByRole('option', { name: 'True', exact: true }).click();
  await checker
    .getByRole('textbox', { name: 'Rationale', exact: true })
    .fill('Three councillors called it a waste of money in the debate.');
  await checker.getByRole('button', { name: 'Save finding', exact: true }).click();
  await expect(checker.getByText('Saved', { exact: true })).toBeVisible();
  await checker.getByRole('button', { name: 'Submit for review', exact: true }).click();

  await expect(selected).toContainText('In review');
  await selected.click();
  await editor.getByRole('button', { name: 'Approve', exact: true }).click();
  await expect(selected).toContainText('Approved');

  // Every report format, each read back the way its tool would.
  const markdown = await download(editor, 'md');
  expect(markdown.name).toMatch(/\.md$/);
  expect(markdown.text).toContain('Council approves harbour expansion');
  expect(markdown.text).toContain('Critics argue the plan is a waste of money');

  const csv = await download(editor, 'csv');
  const rows = parse(csv.text, { columns: true, bom: true }) as Record<string, string>[];
  expect(rows.length).toBe(4);
  const checked = rows.find((row) => row['Quote'] === 'Critics argue the plan is a waste of money');
  expect(checked?.['Stage']).toBe('Approved');
  expect(checked?.['Verdict']).toBe('True');
  expect(checked?.['Evidence (stance and URL)']).toContain('https://example.org/council-debate');

  const json = await download(editor, 'json');
  const file = JSON.parse(json.text) as { article: { headline: string }; claims: unknown[] };
  expect(file.article.headline).toBe('Council approves harbour expansion');
  expect(file.claims.length).toBe(4);

  const claimReview = await download(editor, 'claimreview');
  expect(claimReview.text).toContain('ClaimReview');
  expect(claimReview.text).toContain('https://schema.org');

  // The printable report opens in a new tab with its print stylesheet.
  await editor.getByTestId('export-menu').click();
  const [printable] = await Promise.all([
    editor.context().waitForEvent('page'),
    editor.getByRole('menuitem', { name: /Print \/ PDF/ }).click(),
  ]);
  await printable.waitForLoadState();
  await expect(printable.locator('h1')).toContainText('Council approves harbour expansion');
  const pdf = await printable.pdf();
  expect(pdf.subarray(0, 4).toString()).toBe('%PDF');
});
