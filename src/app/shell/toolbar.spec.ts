import { provideHttpClient } from '@angular/common/http';
import { provideHttpClientTesting } from '@angular/common/http/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { TestBed } from '@angular/core/testing';
import { MatBadgeHarness } from '@angular/material/badge/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatDialog } from '@angular/material/dialog';
import { MatDialogHarness } from '@angular/material/dialog/testing';
import { MatInputHarness } from '@angular/material/input/testing';
import { MatTooltipHarness } from '@angular/material/tooltip/testing';
import { MatToolbarHarness } from '@angular/material/toolbar/testing';
import { provideRouter } from '@angular/router';
import { MockStore, provideMockStore } from '@ngrx/store/testing';
import { firstValueFrom } from 'rxjs';
import { QueueId } from '../../domain/desk';
import { Role } from '../../domain/workflow';
import { QueueBadge, selectQueueBadges } from '../desk/state/desk.feature';
import { inboxFeature } from '../notifications/state/notifications.feature';
import { SessionUser } from '../session/session-api';
import { SessionPageActions } from '../session/state/session.actions';
import { sessionFeature } from '../session/state/session.feature';
import { liveFeature } from './state/live.feature';
import { ToolbarActions } from './state/toolbar.actions';
import { Toolbar } from './toolbar';
import { provideAppIcons } from './icons';

function person(username: string, role: Role): SessionUser {
  return {
    username,
    displayName: `${username[0].toUpperCase()}${username.slice(1)}`,
    role,
    disabled: false,
    createdAt: '2026-11-01T09:00:00.000Z',
  };
}

describe('Toolbar', () => {
  // Overridden selectors are module-level memoised functions: release them, or
  // the next spec file reads this file's values.
  afterEach(() => TestBed.inject(MockStore).resetSelectors());
  afterEach(() => TestBed.inject(MatDialog).closeAll());

  const THEME_KEY = 'claimdesk.theme';
  let storedTheme: string | null;

  beforeEach(() => {
    // The theme toggle writes to storage and the document; each test leaves them as found.
    storedTheme = localStorage.getItem(THEME_KEY);
    localStorage.setItem(THEME_KEY, 'light');
  });

  afterEach(() => {
    if (storedTheme === null) {
      localStorage.removeItem(THEME_KEY);
    } else {
      localStorage.setItem(THEME_KEY, storedTheme);
    }
    document.documentElement.classList.remove('cd-dark');
  });

  async function render(
    user: SessionUser | null,
    paused = false,
    counts: Partial<Record<QueueId, number>> = {},
    unread = 0,
  ) {
    const badges = selectQueueBadges.projector(user, counts) as QueueBadge[];
    TestBed.configureTestingModule({
      providers: [
        provideAppIcons(),
        provideRouter([]),
        // The search box's API client (nothing is requested until someone types).
        provideHttpClient(),
        provideHttpClientTesting(),
        provideMockStore({
          selectors: [
            { selector: sessionFeature.selectUser, value: user },
            { selector: liveFeature.selectPaused, value: paused },
            { selector: selectQueueBadges, value: badges },
            { selector: inboxFeature.selectUnread, value: unread },
          ],
        }),
      ],
    });
    const store = TestBed.inject(MockStore);
    const dispatched = spyOn(store, 'dispatch');
    const fixture = TestBed.createComponent(Toolbar);
    await fixture.whenStable();
    const loader = TestbedHarnessEnvironment.loader(fixture);
    return { fixture, dispatched, loader, toolbar: await loader.getHarness(MatToolbarHarness) };
  }

  it('shows the signed-in person by name and role, without the admin-only People link', async () => {
    const { loader, toolbar } = await render(person('casey', 'fact_checker'));
    expect((await toolbar.getRowsAsText())[0]).toContain('Casey · Fact-checker');
    expect(await loader.getAllHarnesses(MatButtonHarness.with({ text: 'People' }))).toEqual([]);
    expect(await loader.getHarness(MatButtonHarness.with({ text: 'Sign out' }))).toBeTruthy();
  });

  it('shows the unread notifications on a button that says the count', async () => {
    const { loader } = await render(person('casey', 'fact_checker'), false, {}, 3);
    const inbox = await loader.getHarness(
      MatButtonHarness.with({ selector: '[data-testid="inbox-button"]' }),
    );
    expect(await (await inbox.host()).getAttribute('aria-label')).toBe('Notifications, 3 unread');
    const badge = await loader.getHarness(
      MatBadgeHarness.with({ selector: '[data-testid="inbox-button"]' }),
    );
    expect(await badge.getText()).toBe('3');
    expect(await badge.isHidden()).toBeFalse();
  });

  it('keeps the role in an element of its own, which stays on a phone when the name goes', async () => {
    const { fixture } = await render(person('casey', 'fact_checker'));
    const user = (fixture.nativeElement as HTMLElement).querySelector(
      '[data-testid="current-user"]',
    )!;
    expect(user.querySelector('.role')?.textContent).toBe('Fact-checker');
    expect(user.querySelector('.name')?.textContent).toContain('Casey');
  });

  it('lets the signed-in person change how colleagues see their name', async () => {
    const { fixture, loader, dispatched } = await render(person('casey', 'fact_checker'));
    const me = await loader.getHarness(MatButtonHarness.with({ text: /Casey · Fact-checker/ }));
    const tooltip = await loader.getHarness(
      MatTooltipHarness.with({ selector: '[data-testid="current-user"]' }),
    );
    await tooltip.show();
    expect(await tooltip.getTooltipText()).toBe('Change how colleagues see your name');
    // The dialog's code is loaded on the first click.
    const opened = firstValueFrom(TestBed.inject(MatDialog).afterOpened);
    await me.click();
    await opened;
    const root = TestbedHarnessEnvironment.documentRootLoader(fixture);
    const dialog = await root.getHarness(MatDialogHarness);
    expect(await dialog.getTitleText()).toBe('Your name');
    const name = await dialog.getHarness(MatInputHarness);
    expect(await name.getValue()).toBe('Casey');
    await name.setValue(' Casey Ng ');
    await (await dialog.getHarness(MatButtonHarness.with({ text: 'Save' }))).click();
    await firstValueFrom(TestBed.inject(MatDialog).afterAllClosed);
    expect(dispatched).toHaveBeenCalledOnceWith(
      ToolbarActions.displayNameChanged({ username: 'casey', displayName: 'Casey Ng' }),
    );
    expect(await root.getAllHarnesses(MatDialogHarness)).toEqual([]);
  });

  it('changes nothing when the dialog is cancelled', async () => {
    const { fixture, loader, dispatched } = await render(person('casey', 'fact_checker'));
    const opened = firstValueFrom(TestBed.inject(MatDialog).afterOpened);
    await (await loader.getHarness(MatButtonHarness.with({ text: /Casey/ }))).click();
    await opened;
    const root = TestbedHarnessEnvironment.documentRootLoader(fixture);
    const dialog = await root.getHarness(MatDialogHarness);
    await (await dialog.getHarness(MatInputHarness)).setValue('Someone else');
    await (await dialog.getHarness(MatButtonHarness.with({ text: 'Cancel' }))).click();
    await firstValueFrom(TestBed.inject(MatDialog).afterAllClosed);
    expect(await root.getAllHarnesses(MatDialogHarness)).toEqual([]);
    expect(dispatched).not.toHaveBeenCalled();
  });

  it('says so, unobtrusively, while live updates are paused', async () => {
    const live = await render(person('casey', 'fact_checker'));
    const status = (fixture: typeof live.fixture) =>
      (fixture.nativeElement as HTMLElement).querySelector('[role="status"]');
    expect(status(live.fixture)?.textContent?.trim()).toBe('');
    TestBed.inject(MockStore).overrideSelector(liveFeature.selectPaused, true);
    TestBed.inject(MockStore).refreshState();
    await live.fixture.whenStable();
    expect(status(live.fixture)?.textContent).toContain('Live updates paused — reconnecting…');
  });

  it('offers admins the People and Webhooks pages', async () => {
    const { loader, toolbar } = await render(person('ada', 'admin'));
    expect((await toolbar.getRowsAsText())[0]).toContain('Ada · Admin');
    const people = await loader.getHarness(MatButtonHarness.with({ text: 'People' }));
    expect(await (await people.host()).getAttribute('href')).toBe('/people');
    const webhooks = await loader.getHarness(MatButtonHarness.with({ text: 'Webhooks' }));
    expect(await (await webhooks.host()).getAttribute('href')).toBe('/webhooks');
  });

  it('offers editors no People or Webhooks link either', async () => {
    const { loader } = await render(person('dana', 'editor'));
    expect(await loader.getAllHarnesses(MatButtonHarness.with({ text: 'People' }))).toEqual([]);
    expect(await loader.getAllHarnesses(MatButtonHarness.with({ text: 'Webhooks' }))).toEqual([]);
  });

  it('signs out', async () => {
    const { loader, dispatched } = await render(person('dana', 'editor'));
    await (await loader.getHarness(MatButtonHarness.with({ text: 'Sign out' }))).click();
    expect(dispatched).toHaveBeenCalledOnceWith(SessionPageActions.signOutClicked());
  });

  it('shows no person and no sign-out when nobody is signed in', async () => {
    const { fixture, loader } = await render(null);
    expect(await loader.getAllHarnesses(MatButtonHarness.with({ text: 'Sign out' }))).toEqual([]);
    expect(
      (fixture.nativeElement as HTMLElement).querySelector('[data-testid="current-user"]'),
    ).toBeNull();
  });

  it('switches between the light and the dark theme, and remembers the choice', async () => {
    const { loader } = await render(person('dana', 'editor'));
    const toggle = await loader.getHarness(
      MatButtonHarness.with({ selector: '[aria-label$="theme"]' }),
    );
    expect(await (await toggle.host()).getAttribute('aria-label')).toBe('Use dark theme');
    await toggle.click();
    expect(document.documentElement.classList.contains('cd-dark')).toBeTrue();
    expect(localStorage.getItem(THEME_KEY)).toBe('dark');
    expect(await (await toggle.host()).getAttribute('aria-label')).toBe('Use light theme');
    await toggle.click();
    expect(document.documentElement.classList.contains('cd-dark')).toBeFalse();
    expect(localStorage.getItem(THEME_KEY)).toBe('light');
  });

  it('links to My work and the articles once someone is signed in', async () => {
    const { loader } = await render(person('casey', 'fact_checker'));
    const href = async (text: string) =>
      (await (await loader.getHarness(MatButtonHarness.with({ text }))).host()).getAttribute(
        'href',
      );
    expect(await href('My work')).toBe('/');
    expect(await href('Articles')).toBe('/articles');
    TestBed.inject(MockStore).resetSelectors();
    TestBed.resetTestingModule();
    const nobody = await render(null);
    expect(await nobody.loader.getAllHarnesses(MatButtonHarness.with({ text: 'My work' }))).toEqual(
      [],
    );
  });

  it('badges each of the person’s queues with its count, said in words to screen readers', async () => {
    const { fixture, loader } = await render(person('dana', 'editor'), false, {
      awaiting_review: 3,
      overdue: 1,
      unassigned: 0,
    });
    const root = fixture.nativeElement as HTMLElement;
    const links = [...root.querySelectorAll('nav[aria-label="Your queues"] a')];
    expect(links.map((a) => a.getAttribute('aria-label'))).toEqual([
      'Waiting for your review: 3 claims',
      'Overdue across the desk: 1 claim',
      'New, nobody assigned: no claims',
    ]);
    expect(links.map((a) => a.getAttribute('href'))).toEqual([
      '/#queue-awaiting_review',
      '/#queue-overdue',
      '/#queue-unassigned',
    ]);
    const queues = await loader.getChildLoader('nav[aria-label="Your queues"]');
    const badges = await queues.getAllHarnesses(MatBadgeHarness);
    // An empty queue shows no badge at all.
    expect(await badges[0].getText()).toBe('3');
    expect(await badges[1].getText()).toBe('1');
    expect(await Promise.all(badges.map((badge) => badge.isHidden()))).toEqual([
      false,
      false,
      true,
    ]);
  });

  it('badges a fact-checker’s own queues, a long one as 99+', async () => {
    const { fixture } = await render(person('casey', 'fact_checker'), false, { researching: 140 });
    const root = fixture.nativeElement as HTMLElement;
    const labels = [...root.querySelectorAll('nav[aria-label="Your queues"] a')].map((a) =>
      a.getAttribute('aria-label'),
    );
    expect(labels).toEqual([
      'Sent back to you: not counted yet',
      'You are researching: 140 claims',
      'New, assigned to you: not counted yet',
    ]);
    expect(root.querySelector('[data-queue="researching"] .mat-badge-content')?.textContent).toBe(
      '99+',
    );
  });
});
