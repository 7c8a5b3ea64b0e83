import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { MatCheckboxHarness } from '@angular/material/checkbox/testing';
import { provideRouter, Router } from '@angular/router';
import { MockStore, provideMockStore } from '@ngrx/store/testing';
import { initialArticlesState, articlesAdapter } from '../articles/state/articles.feature';
import { article } from '../articles/state/articles.feature.spec';
import { initialBulkState } from '../bulk/state/bulk.feature';
import { initialSessionState } from '../session/state/session.feature';
import { initialUsersState } from '../users/state/users.feature';
import { ClaimsPage } from './claims-page';
import { Clock } from './clock';
import { ClaimsPageActions } from './state/desk.actions';
import { initialDeskState } from './state/desk.feature';
import { person } from './state/desk.feature.spec';
import { provideAppIcons } from '../shell/icons';

describe('ClaimsPage', () => {
  afterEach(() => TestBed.inject(MockStore).resetSelectors());

  async function render(params: Record<string, string>) {
    TestBed.configureTestingModule({
      providers: [
        provideAppIcons(),
        provideRouter([]),
        provideMockStore({
          initialState: {
            session: { ...initialSessionState, status: 'signed_in', user: person('editor') },
            desk: initialDeskState,
            bulk: initialBulkState,
            users: initialUsersState,
            articles: articlesAdapter.setAll([article()], initialArticlesState),
          },
        }),
        { provide: Clock, useValue: { now: signal(Date.parse('2026-11-10T12:00:00Z')) } },
      ],
    });
    const dispatched = spyOn(TestBed.inject(MockStore), 'dispatch');
    const navigate = spyOn(TestBed.inject(Router), 'navigate').and.resolveTo(true);
    const fixture = TestBed.createComponent(ClaimsPage);
    for (const [key, value] of Object.entries(params)) {
      fixture.componentRef.setInput(key, value);
    }
    await fixture.whenStable();
    return {
      fixture,
      dispatched,
      navigate,
      root: fixture.nativeElement as HTMLElement,
      loader: TestbedHarnessEnvironment.loader(fixture),
    };
  }

  it('lists what its URL asks for, and asks again only when the filters change', async () => {
    const { fixture, dispatched } = await render({
      stage: 'approved',
      article: 'a1',
      sort: 'updated',
    });
    expect(dispatched).toHaveBeenCalledOnceWith(
      ClaimsPageActions.queryChanged({
        query: { stage: ['approved'], article: 'a1', sort: 'updated' },
      }),
    );
    fixture.componentRef.setInput('stage', 'approved,');
    await fixture.whenStable();
    expect(dispatched).toHaveBeenCalledTimes(1);
    fixture.componentRef.setInput('overdue', '1');
    await fixture.whenStable();
    expect(dispatched).toHaveBeenCalledWith(
      ClaimsPageActions.queryChanged({
        query: { stage: ['approved'], overdue: true, article: 'a1', sort: 'updated' },
      }),
    );
    fixture.destroy();
    expect(dispatched).toHaveBeenCalledWith(ClaimsPageActions.closed());
  });

  it('names the article it is filtered to, by its headline', async () => {
    const { root } = await render({ article: 'a1' });
    expect(root.querySelector('[data-testid="article-filter"]')?.textContent).toContain(
      'In the article “The visit”',
    );
  });

  it('puts a changed filter into the URL, keeping the others', async () => {
    const { loader, navigate } = await render({ stage: 'new' });
    await (await loader.getHarness(MatCheckboxHarness.with({ label: /Overdue only/ }))).check();
    expect(navigate).toHaveBeenCalledOnceWith([], {
      queryParams: {
        stage: 'new',
        verdict: null,
        assignee: null,
        overdue: '1',
        article: null,
        q: null,
        sort: null,
        dir: null,
      },
      queryParamsHandling: 'merge',
    });
  });
});
