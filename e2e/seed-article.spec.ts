import AxeBuilder from '@axe-core/playwright';
import { expect, test } from './fixtures/test';
import { readFileSync } from 'node:fs';
import { E2E_PASSWORD, E2E_USERS } from './fixtures/environment';

interface ArticleFile {
  article: { id: string; headline: string };
  claims: {
    id: string;
    start: number;
    end: number;
    quote: string;
    kind: string;
    statement: string;
  }[];
}

const seed = JSON.parse(
  readFileSync(new URL('../claims/putin-north-korea-visit.json', import.meta.url), 'utf8'),
) as ArticleFile;

test('a fact-checker signs in and sees the seed article with every claim', async ({ page }) => {
  await page.goto('/');
  await expect(page).toHaveURL(/\/sign-in/);
  await page.getByLabel('Username').fill(E2E_USERS.checker.username);
  await page.getByLabel('Password').fill(E2E_PASSWORD);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();

  await expect(page.getByTestId('current-user')).toContainText('Fact-checker');
  await page.getByRole('link', { name: 'Articles', exact: true }).click();
  await page.getByRole('link', { name: seed.article.headline }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(seed.article.headline);

  await expect(page.getByRole('search').getByRole('status')).toHaveText(
    `${seed.claims.length} of ${seed.claims.length} claims`,
  );
  const rows = page.locator('cd-claims-table [role="row"][aria-rowindex]');
  await expect(rows.first()).toContainText(seed.claims[0].quote);
  // Every claim is highlighted exactly: the marks that carry its id (a run where claims
  // overlap carries several) cover its quote from its start to its end, without gaps.
  const marks = await page.locator('article mark').evaluateAll((elements) =>
    elements.map((mark) => ({
      ids: (mark.getAttribute('data-claims') ?? '').split(' '),
      start: Number(mark.getAttribute('data-start')),
      end: Number(mark.getAttribute('data-end')),
      text: mark.textContent ?? '',
    })),
  );
  for (const claim of seed.claims) {
    const runs = marks.filter((m) => m.ids.includes(claim.id)).sort((a, b) => a.start - b.start);
    expect(runs.length, `${claim.id} is highlighted`).toBeGreaterThan(0);
    expect(
      runs.every((run, i) => i === 0 || run.start === runs[i - 1].end),
      `${claim.id}: its marks are contiguous`,
    ).toBe(true);
    expect({ start: runs[0].start, end: runs[runs.length - 1].end }, claim.id).toEqual({
      start: claim.start,
      end: claim.end,
    });
    expect(runs.map((run) => run.text).join(''), claim.id).toBe(claim.quote);
  }

  await page.locator('article mark').first().click();
  await expect(page).toHaveURL(/claim=pnk-001/);
  await expect(rows.first()).toHaveClass(/selected/);
  await expect(page.getByRole('heading', { name: 'Claim', exact: true })).toBeVisible();

  const scan = await new AxeBuilder({ page }).analyze();
  const serious = scan.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  await page.screenshot({ path: 'test-results/screens/workspace-light.png', fullPage: true });
});

test('an unknown password is refused with a readable message', async ({ page }) => {
  await page.goto('/sign-in');
  await page.getByLabel('Username').fill(E2E_USERS.editor.username);
  await page.getByLabel('Password').fill('not the password');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('alert')).toHaveText('The username or password is not right.');
});

test('the filter lives in the URL, so a link reproduces it', async ({ page }) => {
  await page.goto(
    '/sign-in?returnUrl=' +
      encodeURIComponent('/articles/putin-north-korea-visit?kind=prediction&q=Russia'),
  );
  await page.getByLabel('Username').fill(E2E_USERS.editor.username);
  await page.getByLabel('Password').fill(E2E_PASSWORD);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  const expected = seed.claims.filter(
    (c) => c.kind === 'prediction' && /russia/i.test(`${c.quote} ${c.statement}`),
  ).length;
  await expect(page.getByRole('search').getByRole('status')).toHaveText(
    `${expected} of ${seed.claims.length} claims`,
  );
  await expect(page.getByTestId('claim-search')).toHaveValue('Russia');

  await page.keyboard.press('/');
  await expect(page.getByTestId('claim-search')).toBeFocused();
  await page.getByTestId('claim-search').fill('');
  await page.locator('body').click({ position: { x: 5, y: 300 } });
  await page.keyboard.press('j');
  await expect(page).toHaveURL(/claim=/);
  await page.keyboard.press('?');
  await expect(page.getByRole('dialog')).toContainText('Keyboard shortcuts');
});
