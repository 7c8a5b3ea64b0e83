import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { DeferBlockBehavior, DeferBlockState, TestBed } from '@angular/core/testing';
import { MatBadgeHarness } from '@angular/material/badge/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatMenuHarness, MatMenuItemHarness } from '@angular/material/menu/testing';
import { provideRouter } from '@angular/router';
import { MockStore, provideMockStore } from '@ngrx/store/testing';
import { Notification } from '../../domain/notifications';
import { InboxButton } from './inbox-button';
import { InboxPanelActions } from './state/notifications.actions';
import { inboxFeature, initialInboxState } from './state/notifications.feature';
import { notification } from './state/notifications.feature.spec';
import { provideAppIcons } from '../shell/icons';

describe('InboxButton', () => {
  afterEach(() => TestBed.inject(MockStore).resetSelectors());

  /** The bell with its menu loaded, or (`loaded` false) as it shows before that. */
  async function render(
    items: Notification[],
    unread: number,
    nextCursor: string | null = null,
    loaded = true,
  ) {
    TestBed.configureTestingModule({
      // Imported, so that compileComponents loads its deferred menu.
      imports: [InboxButton],
      deferBlockBehavior: DeferBlockBehavior.Manual,
      providers: [
        provideAppIcons(),
        provideRouter([{ path: 'articles/:articleId', children: [] }]),
        provideMockStore({ initialState: { inbox: initialInboxState } }),
      ],
    });
    const store = TestBed.inject(MockStore);
    store.overrideSelector(inboxFeature.selectUnread, unread);
    store.overrideSelector(inboxFeature.selectNotifications, items);
    store.overrideSelector(inboxFeature.selectHasMore, nextCursor !== null);
    store.overrideSelector(inboxFeature.selectLoading, false);
    store.overrideSelector(inboxFeature.selectError, null);
    const dispatched = spyOn(store, 'dispatch');
    await TestBed.compileComponents();
    const fixture = TestBed.createComponent(InboxButton);
    await fixture.whenStable();
    const [menuBlock] = await fixture.getDeferBlocks();
    if (loaded) {
      await menuBlock.render(DeferBlockState.Complete);
      await fixture.whenStable();
    }
    const loader = TestbedHarnessEnvironment.loader(fixture);
    const root = TestbedHarnessEnvironment.documentRootLoader(fixture);
    return { fixture, store, dispatched, loader, root, menuBlock };
  }

  const recent = new Date(Date.now() - 5 * 60_000).toISOString();
  const unreadOne = notification({ id: 'n2', createdAt: recent, text: 'Dana Reyes mentioned you' });
  const readOne = notification({
    id: 'n1',
    kind: 'approved',
    readAt: recent,
    articleId: 'a 2',
    claimId: 'c 7',
    text: 'Dana Reyes approved “Crime fell”',
  });

  it('says the unread count in its name and its badge, and no badge when none', async () => {
    const { loader, store, fixture } = await render([unreadOne], 3);
    const button = await loader.getHarness(MatButtonHarness);
    expect(await (await button.host()).getAttribute('aria-label')).toBe('Notifications, 3 unread');
    const badge = await loader.getHarness(MatBadgeHarness);
    expect(await badge.getText()).toBe('3');
    store.overrideSelector(inboxFeature.selectUnread, 0);
    store.refreshState();
    await fixture.whenStable();
    expect(await (await button.host()).getAttribute('aria-label')).toBe(
      'Notifications, none unread',
    );
    expect(await badge.isHidden()).toBeTrue();
  });

  it('shows the same bell before its menu loads, and opens the menu once loaded when clicked before', async () => {
    const { loader, fixture, menuBlock } = await render([unreadOne], 3, null, false);
    expect(await loader.getAllHarnesses(MatMenuHarness)).toEqual([]);
    const early = await loader.getHarness(MatButtonHarness);
    expect(await (await early.host()).getAttribute('aria-label')).toBe('Notifications, 3 unread');
    expect(await (await loader.getHarness(MatBadgeHarness)).getText()).toBe('3');
    await early.click();
    await menuBlock.render(DeferBlockState.Complete);
    await fixture.whenStable();
    expect(await (await loader.getHarness(MatMenuHarness)).isOpen()).toBeTrue();
  });

  it('lists notifications with who and when, the unread ones marked, each linking to its claim', async () => {
    const { loader, root } = await render([unreadOne, readOne], 1);
    await (await loader.getHarness(MatMenuHarness)).open();
    const links = await root.getAllHarnesses(MatMenuItemHarness);
    expect(links.length).toBe(2);
    const [first, second] = await Promise.all(links.map((link) => link.host()));
    expect(await first.text()).toContain('Unread: Dana Reyes mentioned you');
    expect(await first.text()).toContain('Dana Reyes · 5 min ago');
    expect(await first.hasClass('unread')).toBeTrue();
    expect(await second.text()).not.toContain('Unread');
    expect(await second.hasClass('unread')).toBeFalse();
    expect(await first.getAttribute('href')).toBe('/articles/a1?claim=c1');
    expect(await second.getAttribute('href')).toBe('/articles/a%202?claim=c%207');
  });

  it('opens a notification’s claim and marks it read', async () => {
    const { loader, root, dispatched } = await render([unreadOne], 1);
    const menu = await loader.getHarness(MatMenuHarness);
    await menu.open();
    await (await root.getHarness(MatMenuItemHarness)).click();
    expect(dispatched).toHaveBeenCalledOnceWith(
      InboxPanelActions.notificationOpened({
        notification: unreadOne,
        at: jasmine.any(String) as never,
      }),
    );
    expect(await menu.isOpen()).toBeFalse();
  });

  it('marks all read and shows more while staying open', async () => {
    const { loader, root, dispatched } = await render([unreadOne], 1, 'cur-1');
    const menu = await loader.getHarness(MatMenuHarness);
    await menu.open();
    await (await root.getHarness(MatButtonHarness.with({ text: 'Mark all read' }))).click();
    await (await root.getHarness(MatButtonHarness.with({ text: 'Show more' }))).click();
    expect(dispatched.calls.allArgs()).toEqual([
      [InboxPanelActions.markAllReadClicked({ at: jasmine.any(String) as never })],
      [InboxPanelActions.showMoreClicked()],
    ]);
    expect(await menu.isOpen()).toBeTrue();
  });

  it('offers no Show more once the list is complete, and says when there is nothing', async () => {
    const { loader, root, fixture } = await render([], 0);
    await (await loader.getHarness(MatMenuHarness)).open();
    expect(await root.getAllHarnesses(MatButtonHarness.with({ text: 'Show more' }))).toEqual([]);
    expect(
      await root
        .getHarness(MatButtonHarness.with({ text: 'Mark all read' }))
        .then((b) => b.isDisabled()),
    ).toBeTrue();
    expect(document.querySelector('cd-inbox-panel')?.textContent).toContain('Nothing yet');
    fixture.destroy();
  });
});
