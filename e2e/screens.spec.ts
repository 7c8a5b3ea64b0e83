import AxeBuilder from '@axe-core/playwright';
import { expect, Page, test } from '@playwright/test';
import { E2E_USERS } from './fixtures/environment';
import { signedIn } from './fixtures/session';

const VIEWPORTS = [
  { name: 'laptop', width: 1280, height: 800 },
  { name: 'phone', width: 390, height: 844 },
] as const;

async function expectNoSeriousViolations(page: Page) {
  const scan = await new AxeBuilder({ page }).analyze();
  const serious = scan.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([]);
}

/** Every screen, light and dark, laptop and phone: screenshots kept as artifacts, each scanned by axe. */
test('screens render accessibly in both themes at laptop and phone widths', async ({ browser }) => {
  const page = await signedIn(browser, E2E_USERS.editor.username);
  const screens = [
    { name: 'articles', path: '/' },
    { name: 'workspace', path: '/articles/putin-north-korea-visit' },
    { name: 'claim', path: '/articles/putin-north-korea-visit?claim=pnk-001' },
  ];
  for (const theme of ['light', 'dark'] as const) {
    await page.evaluate((mode) => localStorage.setItem('claimdesk.theme', mode), theme);
    for (const viewport of VIEWPORTS) {
      await page.setViewportSize({ width: viewport.width, height: viewport.height });
      for (const screen of screens) {
        await page.goto(screen.path);
        await expect(page.locator('main h1').first()).toBeVisible();
        await expect(page.locator('html')).toHaveClass(
          theme === 'dark' ? /cd-dark/ : /^(?!.*cd-dark)/,
        );
        await page.screenshot({
          path: `test-results/screens/${screen.name}-${theme}-${viewport.name}.png`,
          fullPage: true,
        });
        if (viewport.name === 'laptop') {
          await expectNoSeriousViolations(page);
        }
      }
    }
  }
  const signIn = await (await browser.newContext()).newPage();
  await signIn.goto('/sign-in');
  await signIn.screenshot({ path: 'test-results/screens/sign-in-light-laptop.png' });
  await expectNoSeriousViolations(signIn);
});
