import AxeBuilder from '@axe-core/playwright';
import { expect, test } from './fixtures/test';
import { E2E_USERS } from './fixtures/environment';
import { signedIn } from './fixtures/session';

/**
 * The seed article's text from the keyboard: one tab stop for all its highlights,
 * arrow keys between them, a skip link past it, and a legend of the colours.
 */
test('the article text is one tab stop, with arrows between highlights and a skip link past it', async ({
  browser,
}) => {
  const page = await signedIn(
    browser,
    E2E_USERS.checker.username,
    '/articles/putin-north-korea-visit',
  );
  const marks = page.locator('article mark');
  await expect(marks.first()).toBeVisible();
  const count = await marks.count();
  expect(count).toBeGreaterThan(40);
  await expect(page.locator('article mark[tabindex="0"]')).toHaveCount(1);

  const legend = page.locator('cd-article-legend');
  await expect(legend).toContainText('Colours by stage:');
  await expect(legend).toContainText('Changes requested');
  await page.locator('mat-button-toggle button', { hasText: 'Colour by verdict' }).click();
  await expect(legend).toContainText('Colours by verdict:');
  await expect(legend).toContainText('No verdict yet');

  // From the control before the text: the skip link, then the text, then past it in one step.
  await page.getByTestId('mark-suggestions').getByRole('switch').focus();
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to claims' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press('Tab');
  await expect(marks.first()).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await expect(marks.nth(1)).toBeFocused();
  await page.keyboard.press('End');
  await expect(marks.last()).toBeFocused();
  await expect(marks.last()).toHaveAttribute('tabindex', '0');
  await page.keyboard.press('Home');
  await expect(marks.first()).toBeFocused();
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => !!document.activeElement?.closest('section#claims'))).toBe(true);

  // Shift+Tab comes back to the highlight left last; the skip link jumps to the claims.
  await page.keyboard.press('Shift+Tab');
  await expect(marks.first()).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await expect(skip).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('section#claims')).toBeFocused();
  await expect(page).toHaveURL(/\/articles\/putin-north-korea-visit$/);

  // Enter on a highlight still opens its claim.
  const single = page.locator('article mark:not(.multi)').nth(1);
  await single.focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(
    new RegExp(`claim=${(await single.getAttribute('data-claims')) ?? 'none'}$`),
  );

  // The legend at a phone's width: axe finds nothing serious (contrast of its small text too).
  await page.goto('/articles/putin-north-korea-visit');
  await page.setViewportSize({ width: 390, height: 844 });
  await expect(legend).toBeVisible();
  const scan = await new AxeBuilder({ page }).analyze();
  const serious = scan.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([]);
});
