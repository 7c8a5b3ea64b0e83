import type { APIRequestContext, Page } from '@playwright/test';
import { expect, test } from './fixtures/test';
import { E2E_PASSWORD, E2E_USERS } from './fixtures/environment';
import { signedIn } from './fixtures/session';

/**
 * Issue 10's journey in separate browsers: work changing hands reaches the person
 * it concerns at once. Dana (editor) assigns a claim to Cora (fact-checker), whose
 * bell counts it without a reload; Dana's note "@eli have a look" tells Eli and
 * nobody else; Cora submits, Dana asks for changes, Cora sees why first, resubmits,
 * Dana approves; each inbox holds what it should, and a click opens the claim.
 */

const SCREENS = 'test-results/screens';
const STATEMENT = 'The ferry carried 2.4 million passengers last year.';

/** People of this journey besides the suite's own, added by the admin as by hand. */
async function addPerson(api: APIRequestContext, username: string, displayName: string) {
  const response = await api.post('/api/users', {
    data: { username, role: 'fact_checker', password: E2E_PASSWORD, displayName },
  });
  // Already there from an earlier run on the same server: as good.
  expect([201, 409], await response.text()).toContain(response.status());
}

const bell = (page: Page) => page.getByTestId('inbox-button');

/** The bell's accessible name says the count: "Notifications, 2 unread". */
async function expectUnread(page: Page, count: number) {
  await expect(bell(page)).toHaveAttribute(
    'aria-label',
    count === 0 ? 'Notifications, none unread' : `Notifications, ${count} unread`,
  );
}

/** The notifications listed in the open panel, newest first. */
async function openInbox(page: Page) {
  await bell(page).click();
  const items = page.locator('cd-inbox-panel [data-testid="notification"]');
  await expect(page.locator('cd-inbox-panel')).toBeVisible();
  return items;
}

async function closeInbox(page: Page) {
  await page.keyboard.press('Escape');
  await expect(page.locator('cd-inbox-panel')).toBeHidden();
}

test('hand-overs reach the person concerned at once, in their inbox, and open the claim', async ({
  browser,
}) => {
  const admin = await signedIn(browser, E2E_USERS.admin.username, '/people');
  await addPerson(admin.request, 'cora', 'Cora Dahl');
  await addPerson(admin.request, 'eli', 'Eli Ström');
  await admin.context().close();

  const dana = await signedIn(browser, E2E_USERS.editor.username, '/claims');
  const added = await dana.request.post('/api/articles', {
    data: { source: 'text', headline: 'Notifications journey: the ferry', text: STATEMENT },
  });
  expect(added.status(), await added.text()).toBe(201);
  const article = (await added.json()) as { id: string };
  const created = await dana.request.post(`/api/articles/${article.id}/claims`, {
    data: { start: 0, end: STATEMENT.length, statement: STATEMENT, kind: 'figure' },
  });
  expect(created.status(), await created.text()).toBe(201);
  const claim = (await created.json()) as { id: string };
  const claimUrl = new RegExp(`/articles/${article.id}\\?claim=${claim.id}$`);

  const cora = await signedIn(browser, 'cora', '/');
  const eli = await signedIn(browser, 'eli', '/');
  await expectUnread(cora, 0);
  await expectUnread(eli, 0);
  // Other journeys of the suite may have told Dana things: she starts with none unread.
  const cleared = await dana.request.post('/api/notifications/read', { data: { all: true } });
  expect(cleared.ok(), await cleared.text()).toBeTruthy();

  // Dana assigns the claim to Cora in the claim panel; Cora's bell counts it at once.
  await dana.goto(`/articles/${article.id}?claim=${claim.id}`);
  const danaPanel = dana.locator('cd-claim-panel');
  await danaPanel.getByRole('combobox', { name: 'Assignee' }).click();
  await dana.getByRole('option', { name: 'Cora Dahl', exact: true }).click();
  await danaPanel.getByRole('button', { name: 'Save finding', exact: true }).click();
  await expect(danaPanel.getByText('Assignee: Cora Dahl')).toBeVisible();
  await expectUnread(cora, 1);
  await cora.locator('cd-toolbar').screenshot({ path: `${SCREENS}/inbox-badge.png` });

  // Dana mentions Eli, chosen from the people offered on @.
  const noteBox = danaPanel.getByTestId('note-text');
  await noteBox.click();
  await noteBox.pressSequentially('@el');
  await expect(dana.getByRole('option', { name: /Eli Ström/ })).toBeVisible();
  await dana.screenshot({ path: `${SCREENS}/mention-autocomplete.png` });
  await dana.getByRole('option', { name: /Eli Ström/ }).click();
  await expect(noteBox).toHaveValue('@eli ');
  await noteBox.pressSequentially('have a look');
  await danaPanel.getByRole('button', { name: 'Add note', exact: true }).click();
  const mentionNote = danaPanel.locator('.note-text', { hasText: 'have a look' });
  await expect(mentionNote).toHaveText('Eli Ström have a look');
  await expect(mentionNote.locator('.mention')).toHaveText('Eli Ström');

  // Eli is told; nobody else is (Cora still has her one).
  await expectUnread(eli, 1);
  const eliItems = await openInbox(eli);
  await expect(eliItems).toHaveCount(1);
  await expect(eliItems.first()).toContainText('dana mentioned you in a note');
  await closeInbox(eli);
  await expectUnread(cora, 1);
  await expectUnread(dana, 0);

  // Dana mutes the article: its first submission will not reach her.
  const mute = dana.getByTestId('mute-article');
  await expect(mute).toHaveText(/Mute submissions for this article/);
  await mute.click();
  await expect(mute).toHaveText(/Unmute submissions/);
  await dana
    .locator('cd-workspace > header.head')
    .screenshot({ path: `${SCREENS}/mute-toggle.png` });

  // Cora opens the claim from her inbox: the notification is read, the claim shown.
  let coraItems = await openInbox(cora);
  await expect(coraItems).toHaveCount(1);
  await expect(coraItems.first()).toContainText('assigned you');
  await expect(coraItems.first()).toHaveClass(/unread/);
  await coraItems.first().click();
  await expect(cora).toHaveURL(claimUrl);
  await expectUnread(cora, 0);
  const coraPanel = cora.locator('cd-claim-panel');
  await expect(coraPanel.getByRole('heading', { name: 'Claim', exact: true })).toBeVisible();
  // The mention shows as Eli's name for Cora as well.
  await expect(coraPanel.locator('.note-text .mention')).toHaveText('Eli Ström');

  await coraPanel.getByRole('button', { name: 'Start research', exact: true }).click();
  await coraPanel.getByTestId('evidence-url').fill('https://example.org/ferry-annual-report');
  await coraPanel.getByLabel('Title').fill('Ferry operator annual report');
  await coraPanel.getByRole('button', { name: 'Add evidence', exact: true }).click();
  await expect(coraPanel.getByRole('link', { name: 'Ferry operator annual report' })).toBeVisible();
  await coraPanel.getByTestId('verdict').click();
  await cora.getByRole('option', { name: 'False', exact: true }).click();
  await coraPanel
    .getByRole('textbox', { name: 'Rationale', exact: true })
    .fill('The operator reported 1.9 million.');
  await coraPanel.getByRole('button', { name: 'Save finding', exact: true }).click();
  await expect(cora.getByText('Saved')).toBeVisible();
  await coraPanel.getByRole('button', { name: 'Submit for review', exact: true }).click();

  // Muted, Dana is not told; her mute holds across a reload, and she unmutes.
  await expect(
    danaPanel.getByRole('button', { name: 'Request changes', exact: true }),
  ).toBeEnabled();
  const unread = await dana.request.get('/api/notifications?unread=1');
  expect(((await unread.json()) as { unread: number }).unread).toBe(0);
  await dana.reload();
  await expect(mute).toHaveText(/Unmute submissions/);
  await mute.click();
  await expect(mute).toHaveText(/Mute submissions for this article/);
  await expectUnread(dana, 0);
  await danaPanel.getByRole('button', { name: 'Request changes', exact: true }).click();
  await dana.getByRole('dialog').getByLabel('Note').fill('Cite the operator’s annual report.');
  await dana
    .getByRole('dialog')
    .getByRole('button', { name: 'Request changes', exact: true })
    .click();

  // Cora is told, and opening it shows why first.
  await expectUnread(cora, 1);
  await cora.goto('/');
  coraItems = await openInbox(cora);
  await expect(coraItems).toHaveCount(2);
  await expect(coraItems.first()).toContainText('requested changes');
  await expect(coraItems.nth(1)).not.toHaveClass(/unread/);
  await coraItems.first().click();
  await expect(cora).toHaveURL(claimUrl);
  await expectUnread(cora, 0);
  await expect(coraPanel.getByText('Cite the operator’s annual report.').first()).toBeVisible();
  // The reviewer's view: the request's note, its author and time open the panel, above the finding.
  const request = coraPanel.getByTestId('change-request');
  await expect(request).toContainText('Cite the operator’s annual report.');
  const requestTop = (await request.boundingBox())?.y ?? Infinity;
  const findingTop =
    (await coraPanel.getByRole('textbox', { name: 'Rationale', exact: true }).boundingBox())?.y ??
    0;
  expect(requestTop).toBeLessThan(findingTop);

  await coraPanel
    .getByRole('textbox', { name: 'Rationale', exact: true })
    .fill('The operator’s annual report gives 1.9 million.');
  await coraPanel.getByRole('button', { name: 'Save finding', exact: true }).click();
  await expect(cora.getByText('Saved')).toBeVisible();
  await coraPanel.getByRole('button', { name: 'Submit for review', exact: true }).click();

  // Unmuted, the resubmission reaches Dana without a reload.
  await expectUnread(dana, 1);
  await expect(danaPanel.getByRole('button', { name: 'Approve', exact: true })).toBeEnabled();
  await danaPanel.getByRole('button', { name: 'Approve', exact: true }).click();
  await expectUnread(cora, 1);
  // Cora has the dashboard open in a second tab too: it counts the same.
  const coraOtherTab = await cora.context().newPage();
  await coraOtherTab.goto('/');
  await expectUnread(coraOtherTab, 1);

  // Both inboxes, as each person sees them.
  coraItems = await openInbox(cora);
  await expect(coraItems).toHaveCount(3);
  await cora.screenshot({ path: `${SCREENS}/inbox-panel.png` });
  await expect(coraItems.nth(0)).toContainText('approved');
  await expect(coraItems.nth(1)).toContainText('requested changes');
  await expect(coraItems.nth(2)).toContainText('assigned you');
  await expect(cora.locator('cd-inbox-panel')).not.toContainText('mentioned you');
  await cora.getByTestId('mark-all-read').click();
  await expectUnread(cora, 0);
  await expect(coraItems.nth(0)).not.toHaveClass(/unread/);
  await closeInbox(cora);
  // Marked read in one tab, read in the other without a reload.
  await expectUnread(coraOtherTab, 0);
  await coraOtherTab.close();

  // Of this claim, Dana was told of the unmuted submission only: her own actions tell her nothing.
  const danaItems = (await openInbox(dana)).filter({ hasText: 'ferry carried' });
  await expect(danaItems).toHaveCount(1);
  await expect(danaItems.first()).toContainText('Cora Dahl submitted');
  await danaItems.first().click();
  await expect(dana).toHaveURL(claimUrl);
  await expectUnread(dana, 0);

  // Marking read holds across a reload: it is the server's word, not the page's.
  await cora.reload();
  await expectUnread(cora, 0);
  await expectUnread(eli, 1);
});
