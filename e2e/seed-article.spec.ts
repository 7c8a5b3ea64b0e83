import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { E2E_PASSWORD, E2E_USERS } from './fixtures/environment';

interface ArticleFile {
  article: { id: string; headline: string };
  claims: { quote: string }[];
}

const seed = JSON.parse(
  readFileSync(new URL('../claims/putin-north-korea-visit.json', import.meta.url), 'utf8'),
) as ArticleFile;

test('a fact-checker signs in and sees the seed article with every claim', async ({ page }) => {
  await page.goto('/');
  await expect(page).toHaveURL(/\/sign-in/);
  await page.getByLabel('Username').fill(E2E_USERS.checker.username);
  await page.getByLabel('Password').fill(E2E_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();

  await expect(page.getByTestId('current-user')).toContainText('Fact-checker');
  await page.getByRole('link', { name: seed.article.headline }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(seed.article.headline);

  const rows = page.locator('section[aria-label="Claims"] tbody tr');
  await expect(rows).toHaveCount(seed.claims.length);
  await expect(rows.first()).toContainText(seed.claims[0].quote);
  await expect(page.locator('article mark').first()).toBeVisible();

  await page.locator('article mark').first().click();
  await expect(rows.first()).toHaveClass(/selected/);

  const scan = await new AxeBuilder({ page }).analyze();
  const serious = scan.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  await page.screenshot({ path: 'test-results/screens/workspace-light.png', fullPage: true });
});

test('an unknown password is refused with a readable message', async ({ page }) => {
  await page.goto('/sign-in');
  await page.getByLabel('Username').fill(E2E_USERS.editor.username);
  await page.getByLabel('Password').fill('not the password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toHaveText('The username or password is not right.');
});
