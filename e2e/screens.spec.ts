import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures/test';
import type { ClaimSummary } from '../src/domain/claim';
import { VERDICT_DEFINITIONS, VERDICTS } from '../src/domain/verdicts';
import { STAGE_LABELS, STAGES } from '../src/domain/workflow';
import { E2E_USERS } from './fixtures/environment';
import { signedIn } from './fixtures/session';

const VIEWPORTS = [
  { name: 'laptop', width: 1440, height: 900 },
  { name: 'phone', width: 390, height: 844 },
] as const;

async function expectNoSeriousViolations(page: Page) {
  const scan = await new AxeBuilder({ page }).analyze();
  const serious = scan.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([]);
}

/** Every screen, light and dark, laptop and phone: screenshots kept as artifacts, each scanned by axe. */
test('screens render accessibly in both themes at laptop and phone widths', async ({ browser }) => {
  // Eighteen axe scans (four screens, two themes, two widths, and sign-in at both): about a
  // minute on two idle cores, so room for a busy machine.
  test.setTimeout(300_000);
  const page = await signedIn(browser, E2E_USERS.editor.username);
  const screens = [
    { name: 'my-work', path: '/' },
    { name: 'articles', path: '/articles' },
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
        // axe at every width: the phone layout (menus, stacked tables) is a layout of its own.
        await expectNoSeriousViolations(page);
      }
    }
  }
  const signIn = await (await browser.newContext()).newPage();
  for (const viewport of VIEWPORTS) {
    await signIn.setViewportSize({ width: viewport.width, height: viewport.height });
    await signIn.goto('/sign-in');
    await expect(signIn.getByLabel('Username')).toBeVisible();
    await signIn.screenshot({ path: `test-results/screens/sign-in-light-${viewport.name}.png` });
    await expectNoSeriousViolations(signIn);
  }
});

test('an admin manages people; the overview shows counts and what waits', async ({ browser }) => {
  const admin = await signedIn(browser, E2E_USERS.admin.username);
  await admin.getByRole('link', { name: 'People' }).click();
  await expect(admin.getByRole('heading', { name: 'People' })).toBeVisible();
  await admin.getByLabel('Username').fill('robin');
  await admin.getByLabel('Initial password').fill('robin password 1');
  await admin.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(admin.getByRole('cell', { name: 'robin', exact: true })).toBeVisible();
  await admin
    .getByRole('row', { name: /robin/ })
    .getByRole('button', { name: 'Disable', exact: true })
    .click();
  await admin
    .getByRole('row', { name: /robin/ })
    .getByRole('button', { name: 'Yes, disable', exact: true })
    .click();
  await expect(admin.getByRole('row', { name: /robin/ })).toContainText('Disabled');
  await admin.screenshot({ path: 'test-results/screens/people-light-laptop.png', fullPage: true });
  await expectNoSeriousViolations(admin);

  const checker = await signedIn(browser, E2E_USERS.checker.username);
  await expect(checker.getByRole('link', { name: 'People' })).toHaveCount(0);
  await checker.goto('/people');
  await expect(checker).toHaveURL(/\/$/);

  // The counts the overview must show: the article's claims as the API gives them now.
  const claims = (await (
    await admin.request.get('/api/articles/putin-north-korea-visit/claims')
  ).json()) as ClaimSummary[];
  expect(claims.length).toBeGreaterThan(0);
  const count = (test: (claim: ClaimSummary) => boolean) => String(claims.filter(test).length);

  await admin.goto('/articles/putin-north-korea-visit/overview');
  const stageChart = admin.getByRole('figure').filter({ hasText: 'Claims per stage' });
  const verdictChart = admin.getByRole('figure').filter({ hasText: 'Claims per verdict' });
  /** The count cell of a chart's row, by the row's label. */
  const countOf = (chart: typeof stageChart, label: string) =>
    chart
      .getByRole('row')
      .filter({ has: admin.getByRole('rowheader', { name: label, exact: true }) })
      .locator('td.count');
  for (const stage of STAGES) {
    await expect(countOf(stageChart, STAGE_LABELS[stage]), stage).toHaveText(
      count((c) => c.stage === stage),
    );
  }
  for (const verdict of VERDICTS) {
    await expect(countOf(verdictChart, VERDICT_DEFINITIONS[verdict].label), verdict).toHaveText(
      count((c) => c.verdict === verdict),
    );
  }
  await expect(countOf(verdictChart, 'No verdict yet')).toHaveText(count((c) => !c.verdict));
  // What waits: one line per claim in review or sent back.
  const waiting = claims.filter((c) => c.stage === 'in_review' || c.stage === 'changes_requested');
  await expect(admin.locator('p.waiting')).toHaveCount(waiting.length);
  if (waiting.length === 0) {
    await expect(admin.getByText('Nothing is waiting for review or changes.')).toBeVisible();
  }
  await admin.screenshot({
    path: 'test-results/screens/overview-light-laptop.png',
    fullPage: true,
  });
  await expectNoSeriousViolations(admin);
});
