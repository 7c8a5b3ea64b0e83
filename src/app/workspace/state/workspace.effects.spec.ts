import { HttpErrorResponse } from '@angular/common/http';
import { TestBed } from '@angular/core/testing';
import { provideMockActions } from '@ngrx/effects/testing';
import { Action } from '@ngrx/store';
import { MockStore, provideMockStore } from '@ngrx/store/testing';
import { firstValueFrom, NEVER, Observable, of, Subject, take, throwError, toArray } from 'rxjs';
import { ArticleDetail } from '../../../domain/claim';
import { ArticlesApi } from '../../articles/articles-api';
import { ClaimsApi, NoteText } from '../claims-api';
import { LiveActions } from '../../shell/state/live.actions';
import { claimsFeature } from './claims.feature';
import { claimFixture } from './claims.feature.spec';
import { Router } from '@angular/router';
import { EMPTY_FILTER } from '../../../domain/claim-filter';
import { toClaimRows } from '../../../domain/claim-rows';
import { OverviewPageActions } from '../../overview/state/overview.actions';
import { loadWorkspace, refreshNoteText, syncFilterToUrl } from './workspace.effects';
import { WorkspaceApiActions, WorkspacePageActions } from './workspace.actions';

describe('workspace effects', () => {
  // Overridden selectors are module-level memoised functions: release them, or
  // the next spec file reads this file's values.
  afterEach(() => TestBed.inject(MockStore).resetSelectors());

  const article = { id: 'a1', text: 'x', headings: [] } as unknown as ArticleDetail;
  let actions$: Observable<Action>;
  let articles: jasmine.SpyObj<ArticlesApi>;
  let claims: jasmine.SpyObj<ClaimsApi>;

  beforeEach(() => {
    articles = jasmine.createSpyObj<ArticlesApi>('ArticlesApi', ['get', 'claimRows']);
    claims = jasmine.createSpyObj<ClaimsApi>('ClaimsApi', ['noteText']);
    TestBed.configureTestingModule({
      providers: [
        provideMockActions(() => actions$),
        provideMockStore({
          selectors: [{ selector: claimsFeature.selectArticle, value: article }],
        }),
        { provide: ArticlesApi, useValue: articles },
        { provide: ClaimsApi, useValue: claims },
      ],
    });
  });

  const all = (effect: () => Observable<Action>) =>
    TestBed.runInInjectionContext(() => firstValueFrom(effect().pipe(toArray())));

  describe('loading an article', () => {
    beforeEach(() => {
      articles.get.and.returnValue(of(article));
      // The rows as the server makes them; the effect reads them back into the same claims.
      articles.claimRows.and.returnValue(of(toClaimRows([claimFixture()], article.text)));
      actions$ = of(WorkspacePageActions.opened({ articleId: 'a1' }));
    });

    it('loads the note text for search with the claims', async () => {
      claims.noteText.and.returnValue(of({ c1: 'Ask Reuters.' }));
      expect(await all(loadWorkspace)).toEqual([
        WorkspaceApiActions.articleLoaded({ article }),
        WorkspaceApiActions.claimsLoaded({ articleId: 'a1', claims: [claimFixture()] }),
        WorkspaceApiActions.noteTextLoaded({ articleId: 'a1', noteText: { c1: 'Ask Reuters.' } }),
      ]);
      expect(claims.noteText).toHaveBeenCalledOnceWith('a1');
    });

    it('still shows the claims when the note text cannot be had', async () => {
      claims.noteText.and.returnValue(
        throwError(() => new HttpErrorResponse({ status: 500, statusText: 'Server Error' })),
      );
      expect(await all(loadWorkspace)).toEqual([
        WorkspaceApiActions.articleLoaded({ article }),
        WorkspaceApiActions.claimsLoaded({ articleId: 'a1', claims: [claimFixture()] }),
      ]);
    });

    it('shows the table without waiting for the note text', async () => {
      claims.noteText.and.returnValue(NEVER);
      const first = TestBed.runInInjectionContext(() =>
        firstValueFrom(loadWorkspace().pipe(take(2), toArray())),
      );
      expect(await first).toEqual([
        WorkspaceApiActions.articleLoaded({ article }),
        WorkspaceApiActions.claimsLoaded({ articleId: 'a1', claims: [claimFixture()] }),
      ]);
    });

    it('loads the claims for the overview, which needs no note text', async () => {
      actions$ = of(OverviewPageActions.opened({ articleId: 'a1' }));
      expect(await all(loadWorkspace)).toEqual([
        WorkspaceApiActions.articleLoaded({ article }),
        WorkspaceApiActions.claimsLoaded({ articleId: 'a1', claims: [claimFixture()] }),
      ]);
      expect(claims.noteText).not.toHaveBeenCalled();
    });

    it('reports a claim list that cannot be had', async () => {
      claims.noteText.and.returnValue(of({}));
      articles.claimRows.and.returnValue(
        throwError(() => new HttpErrorResponse({ status: 0, statusText: 'Unknown Error' })),
      );
      expect(await all(loadWorkspace)).toEqual([
        WorkspaceApiActions.loadFailed({
          error: 'The server cannot be reached. Check your connection and try again.',
          missing: false,
        }),
        WorkspaceApiActions.noteTextLoaded({ articleId: 'a1', noteText: {} }),
      ]);
    });

    it('says the article is missing, apart from other failures', async () => {
      claims.noteText.and.returnValue(of({}));
      articles.claimRows.and.returnValue(of(toClaimRows([], article.text)));
      articles.get.and.returnValue(
        throwError(
          () =>
            new HttpErrorResponse({
              status: 404,
              error: { title: 'Not Found', status: 404, detail: 'No article nope.' },
            }),
        ),
      );
      const [failed] = await all(loadWorkspace);
      expect(failed).toEqual(
        WorkspaceApiActions.loadFailed({ error: 'No article nope.', missing: true }),
      );
    });
  });

  describe('a note changed', () => {
    it('refetches that claim’s note text, for the open article only', async () => {
      claims.noteText.and.callFake((_articleId: string, claimId?: string): Observable<NoteText> =>
        of<NoteText>(claimId === 'c1' ? { c1: 'First.\nSecond.' } : {}),
      );
      actions$ = of(
        LiveActions.notesChanged({ articleId: 'other', claimId: 'x9' }),
        LiveActions.notesChanged({ articleId: 'a1', claimId: 'c1' }),
        LiveActions.notesChanged({ articleId: 'a1', claimId: 'c2' }),
      );
      expect(await all(refreshNoteText)).toEqual([
        WorkspaceApiActions.claimNoteTextLoaded({
          articleId: 'a1',
          claimId: 'c1',
          text: 'First.\nSecond.',
        }),
        // The last live note of c2 was deleted.
        WorkspaceApiActions.claimNoteTextLoaded({ articleId: 'a1', claimId: 'c2', text: null }),
      ]);
      expect(claims.noteText.calls.allArgs()).toEqual([
        ['a1', 'c1'],
        ['a1', 'c2'],
      ]);
    });

    it('keeps only the latest answer per claim, and the answers for other claims', () => {
      // Each request's answer, by claim and request number, to answer out of order.
      const answers = new Map<string, Subject<NoteText>>();
      let requests = 0;
      claims.noteText.and.callFake((_articleId: string, claimId?: string) => {
        const answer = new Subject<NoteText>();
        answers.set(`${claimId}#${++requests}`, answer);
        return answer;
      });
      const live = new Subject<Action>();
      actions$ = live;
      const emitted: Action[] = [];
      TestBed.runInInjectionContext(() => refreshNoteText().subscribe((a) => emitted.push(a)));

      live.next(LiveActions.notesChanged({ articleId: 'a1', claimId: 'c1' }));
      live.next(LiveActions.notesChanged({ articleId: 'a1', claimId: 'c2' }));
      live.next(LiveActions.notesChanged({ articleId: 'a1', claimId: 'c1' }));
      // The first request for c1 answers last, with what was true before the second change.
      answers.get('c1#3')?.next({ c1: 'Newer.' });
      answers.get('c2#2')?.next({ c2: 'Other.' });
      answers.get('c1#1')?.next({ c1: 'Older.' });

      expect(emitted).toEqual([
        WorkspaceApiActions.claimNoteTextLoaded({ articleId: 'a1', claimId: 'c1', text: 'Newer.' }),
        WorkspaceApiActions.claimNoteTextLoaded({ articleId: 'a1', claimId: 'c2', text: 'Other.' }),
      ]);
    });

    it('carries on after a failed request', async () => {
      claims.noteText.and.returnValues(
        throwError(() => new HttpErrorResponse({ status: 500 })),
        of({ c2: 'Fine.' }),
      );
      actions$ = of(
        LiveActions.notesChanged({ articleId: 'a1', claimId: 'c1' }),
        LiveActions.notesChanged({ articleId: 'a1', claimId: 'c2' }),
      );
      expect(await all(refreshNoteText)).toEqual([
        WorkspaceApiActions.claimNoteTextLoaded({ articleId: 'a1', claimId: 'c2', text: 'Fine.' }),
      ]);
    });
  });

  describe('the filter in the URL', () => {
    let router: jasmine.SpyObj<Router>;
    let live: Subject<Action>;
    let emitted: Action[];

    beforeEach(() => {
      router = jasmine.createSpyObj<Router>('Router', ['navigate']);
      router.navigate.and.resolveTo(true);
      TestBed.overrideProvider(Router, { useValue: router });
      live = new Subject<Action>();
      actions$ = live;
      emitted = [];
      jasmine.clock().install();
      TestBed.runInInjectionContext(() => syncFilterToUrl().subscribe((a) => emitted.push(a)));
    });

    afterEach(() => jasmine.clock().uninstall());

    const settle = () => new Promise((resolve) => queueMicrotask(() => resolve(undefined)));

    it('writes typing once it pauses, replacing the history entry', async () => {
      live.next(WorkspacePageActions.searchTyped({ query: 'k' }));
      jasmine.clock().tick(100);
      live.next(WorkspacePageActions.searchTyped({ query: 'kremlin ' }));
      jasmine.clock().tick(249);
      expect(router.navigate).not.toHaveBeenCalled();
      jasmine.clock().tick(1);
      await settle();
      expect(router.navigate).toHaveBeenCalledOnceWith([], {
        queryParams: { q: 'kremlin' },
        queryParamsHandling: 'merge',
        replaceUrl: true,
      });
      expect(emitted).toEqual([WorkspacePageActions.searchSyncedToUrl({ query: 'kremlin ' })]);
    });

    it('writes a filter at once as a new entry, and drops typing still waiting', async () => {
      live.next(WorkspacePageActions.searchTyped({ query: 'old' }));
      const filter = { ...EMPTY_FILTER, stages: ['new' as const], query: 'shells' };
      live.next(WorkspacePageActions.filterChanged({ filter }));
      await settle();
      jasmine.clock().tick(1000);
      await settle();
      expect(router.navigate).toHaveBeenCalledOnceWith([], {
        queryParams: {
          stage: 'new',
          verdict: null,
          kind: null,
          mine: null,
          q: 'shells',
          sort: null,
          dir: null,
        },
        queryParamsHandling: 'merge',
      });
      expect(emitted).toEqual([WorkspacePageActions.searchSyncedToUrl({ query: 'shells' })]);
    });
  });
});
