import AxeBuilder from '@axe-core/playwright';
import { E2E_USERS } from './fixtures/environment';
import { signedIn } from './fixtures/session';
import { expect, test } from './fixtures/test';

test('Ctrl+K searches every article and opens the claim, the note in its claim', async ({
  browser,
}) => {
  const page = await signedIn(browser, E2E_USERS.editor.username);
  const box = page.getByRole('combobox', { name: 'Search every article' });

  await page.keyboard.press('Control+k');
  await expect(box).toBeFocused();
  await box.fill('artillery shells');
  const results = page.getByRole('listbox', { name: 'Search results' });
  await expect(results.getByRole('group', { name: 'Claims' })).toBeVisible();
  await expect(results.getByRole('group', { name: 'Articles' })).toBeVisible();
  const first = results.getByRole('option').first();
  await expect(first).toContainText('North Korea has shipped nearly five million artillery shells');
  await expect(first.locator('mark').first()).toHaveText(/artillery shells/i);

  const scan = await new AxeBuilder({ page }).include('cd-search-box').analyze();
  expect(scan.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  await page.screenshot({ path: 'test-results/screens/search-light.png' });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.getByRole('button', { name: 'Use dark theme' }).click();
  await box.focus();
  await expect(results).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/search-dark.png' });
  await page.getByRole('button', { name: 'Use light theme' }).click();
  await box.focus();

  await box.press('ArrowDown');
  await expect(first).toHaveAttribute('aria-selected', 'true');
  await box.press('Enter');
  await expect(page).toHaveURL(/\/articles\/putin-north-korea-visit\?claim=/);
  await expect(page.locator('#claim-panel-title')).toBeVisible();
  await expect(page.locator('cd-claim-panel')).toContainText('artillery shells');

  // A note, found and opened in its claim.
  await page.getByTestId('note-text').fill('Asked the customs office about the shell manifests.');
  await page.getByRole('button', { name: 'Add note' }).click();
  await expect(page.locator('cd-claim-notes')).toContainText('shell manifests');
  await page.goto('/articles');
  await page.keyboard.press('Control+k');
  await box.fill('manifests');
  const note = results.getByRole('group', { name: 'Notes' }).getByRole('option').first();
  await expect(note).toContainText('manifests');
  await note.click();
  await expect(page).toHaveURL(/\?claim=/);
  // The note found, not the claim's first: earlier specs may have left notes on this claim.
  await expect(page.locator('[data-note-id]', { hasText: 'shell manifests' })).toBeFocused();

  // On a phone the list spans the screen under the field.
  await page.setViewportSize({ width: 390, height: 800 });
  await page.goto('/articles');
  await page.keyboard.press('Control+k');
  await box.fill('artillery shells');
  await expect(results.getByRole('group', { name: 'Claims' })).toBeVisible();
  const panel = await page.getByTestId('search-panel').boundingBox();
  expect(panel?.x).toBeGreaterThanOrEqual(0);
  expect((panel?.x ?? 0) + (panel?.width ?? 0)).toBeLessThanOrEqual(390);
  await page.screenshot({ path: 'test-results/screens/search-phone.png' });
});
