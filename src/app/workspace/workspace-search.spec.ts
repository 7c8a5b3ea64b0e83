import { provideHttpClient } from '@angular/common/http';
import { provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router, withComponentInputBinding } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { provideEffects } from '@ngrx/effects';
import { provideRouterStore, routerReducer } from '@ngrx/router-store';
import { provideState, provideStore, Store } from '@ngrx/store';
import { usersFeature } from '../users/state/users.feature';
import { ArticleDetail } from '../../domain/claim';
import { suggestionsFeature } from '../new-claims/state/suggestions.feature';
import { sessionFeature } from '../session/state/session.feature';
import { claimDetailFeature } from './state/claim-detail.feature';
import { claimsFeature } from './state/claims.feature';
import { claimFixture } from './state/claims.feature.spec';
import { WorkspaceApiActions } from './state/workspace.actions';
import { syncFilterToUrl } from './state/workspace.effects';
import { SelectionBar } from '../bulk/selection-bar';
import { SelectionBarStub } from './selection-bar-stub.spec';
import { stubIntersections } from './intersection-stub.spec';
import { Workspace } from './workspace';
import { provideAppIcons } from '../shell/icons';

/**
 * The search box with the real store, effect and router: typing fast while the
 * URL catches up between keys (the reviewer's "kremlin" became "krmlin").
 */
describe('Workspace search, typed fast while the URL catches up', () => {
  const TEXT = 'The Kremlin has now confirmed it. Satellite images show preparations.';
  const article = {
    id: 'a1',
    headline: 'Visit',
    text: TEXT,
    headings: [],
    outlet: null,
    publishedAt: null,
  } as unknown as ArticleDetail;
  const claims = [
    claimFixture({ id: 'c1', start: 4, end: 11, quote: 'Kremlin', statement: 'Kremlin said so.' }),
    claimFixture({ id: 'c2', start: 34, end: 51, quote: 'Satellite images', statement: 'Images.' }),
  ];

  let harness: RouterTestingHarness;
  let router: Router;
  let navigations: jasmine.Spy;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      providers: [
        provideAppIcons(),
        provideRouter(
          [{ path: 'articles/:articleId', component: Workspace }],
          withComponentInputBinding(),
        ),
        provideStore({ router: routerReducer }),
        provideState(sessionFeature),
        provideState(claimsFeature),
        provideState(claimDetailFeature),
        provideState(suggestionsFeature),
        provideState(usersFeature),
        provideEffects({ syncFilterToUrl }),
        provideRouterStore(),
        provideHttpClient(),
        provideHttpClientTesting(),
      ],
    });
    TestBed.overrideComponent(Workspace, {
      remove: { imports: [SelectionBar] },
      add: { imports: [SelectionBarStub] },
    });
    // The claim panel is a `@defer` block: its dependencies are resolved before rendering.
    await TestBed.compileComponents();
    stubIntersections(true);
    harness = await RouterTestingHarness.create('/articles/a1');
    const store = TestBed.inject(Store);
    store.dispatch(WorkspaceApiActions.articleLoaded({ article }));
    store.dispatch(WorkspaceApiActions.claimsLoaded({ articleId: 'a1', claims }));
    await harness.fixture.whenStable();
    router = TestBed.inject(Router);
    navigations = spyOn(router, 'navigate').and.callThrough();
    jasmine.clock().install();
  });

  afterEach(() => jasmine.clock().uninstall());

  const root = () => harness.routeNativeElement as HTMLElement;
  const box = () => root().querySelector<HTMLInputElement>('[data-testid="claim-search"]')!;
  const status = () =>
    root().querySelector('cd-claim-filters [role="status"]')?.textContent?.trim();

  function press(key: string): void {
    box().value += key;
    box().dispatchEvent(new Event('input'));
  }

  /** Time passes without a key: the search's pause elapses and its navigation runs. */
  async function pause(ms: number): Promise<void> {
    jasmine.clock().tick(ms);
    await harness.fixture.whenStable();
  }

  it('keeps every letter, filters as it goes, and replaces the history entry', async () => {
    box().focus();
    press('k');
    press('r');
    // The pause after "kr" starts its navigation; "e" is typed before it lands.
    jasmine.clock().tick(260);
    press('e');
    await harness.fixture.whenStable();
    expect(router.url).toBe('/articles/a1?q=kr');
    expect(box().value).toBe('kre');
    press('m');
    await pause(260);
    press('l');
    press('i');
    jasmine.clock().tick(260);
    press('n');
    await harness.fixture.whenStable();
    expect(box().value).toBe('kremlin');
    await pause(260);

    expect(box().value).toBe('kremlin');
    expect(router.url).toBe('/articles/a1?q=kremlin');
    expect(status()).toBe('1 of 2 claims');
    // Each pause navigated once, and never as a new history entry.
    expect(navigations.calls.allArgs().map(([, extras]) => extras.replaceUrl)).toEqual([
      true,
      true,
      true,
      true,
    ]);
  });

  it('a filter chosen while typing is pending wins, and keeps what was typed', async () => {
    box().focus();
    press('sat');
    // "Assigned to me" is ticked before the search reached the URL.
    root().querySelector<HTMLInputElement>('mat-checkbox input')!.click();
    await harness.fixture.whenStable();
    await pause(500);
    expect(router.url).toBe('/articles/a1?mine=1&q=sat');
    expect(box().value).toBe('sat');
  });
});
