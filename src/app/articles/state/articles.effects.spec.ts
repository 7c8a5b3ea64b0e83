import { HttpErrorResponse } from '@angular/common/http';
import { TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import { provideMockActions } from '@ngrx/effects/testing';
import { Action } from '@ngrx/store';
import { firstValueFrom, NEVER, Observable, of, throwError, toArray } from 'rxjs';
import { LiveActions } from '../../workspace/state/claim-detail.actions';
import { ArticlesApi } from '../articles-api';
import {
  ArticleListPageActions,
  ArticlesApiActions,
  IntakeApiActions,
  IntakePageActions,
} from './articles.actions';
import {
  addArticle,
  loadArticles,
  openAddedArticle,
  refreshArticlesLive,
} from './articles.effects';
import { article } from './articles.feature.spec';

describe('articles effects', () => {
  let actions$: Observable<Action>;
  let api: jasmine.SpyObj<ArticlesApi>;
  let router: jasmine.SpyObj<Router>;

  beforeEach(() => {
    api = jasmine.createSpyObj<ArticlesApi>('ArticlesApi', ['list', 'add']);
    router = jasmine.createSpyObj<Router>('Router', ['navigate']);
    router.navigate.and.resolveTo(true);
    TestBed.configureTestingModule({
      providers: [
        provideMockActions(() => actions$),
        { provide: ArticlesApi, useValue: api },
        { provide: Router, useValue: router },
      ],
    });
  });

  const all = (effect: () => Observable<Action>) =>
    TestBed.runInInjectionContext(() => firstValueFrom(effect().pipe(toArray())));

  it('loads the list, or says why it could not', async () => {
    actions$ = of(ArticleListPageActions.opened(), ArticleListPageActions.opened());
    api.list.and.returnValues(
      of([article()]),
      throwError(() => new HttpErrorResponse({ status: 0 })),
    );
    expect(await all(loadArticles)).toEqual([
      ArticlesApiActions.loadSucceeded({ articles: [article()] }),
      ArticlesApiActions.loadFailed({
        error: 'The server cannot be reached. Check your connection and try again.',
      }),
    ]);
  });

  it('picks up an article someone else added, and keeps the list on a failed refresh', async () => {
    actions$ = of(
      LiveActions.articleAdded({ articleId: 'a2' }),
      LiveActions.articleAdded({ articleId: 'a3' }),
    );
    api.list.and.returnValues(
      of([article(), article({ id: 'a2' })]),
      throwError(() => new HttpErrorResponse({ status: 500 })),
    );
    expect(await all(refreshArticlesLive)).toEqual([
      ArticlesApiActions.loadSucceeded({ articles: [article(), article({ id: 'a2' })] }),
    ]);
  });

  it('adds an article, and names the field the server refused', async () => {
    const pasted = { source: 'text' as const, headline: 'New', text: 'Words.' };
    actions$ = of(IntakePageActions.submitted({ article: pasted }));
    api.add.and.returnValue(
      throwError(
        () =>
          new HttpErrorResponse({
            status: 400,
            error: { title: 'Invalid', status: 400, detail: 'Too long.', field: '/body/text' },
          }),
      ),
    );
    expect(await all(addArticle)).toEqual([
      IntakeApiActions.addFailed({ error: 'Too long.', field: '/body/text' }),
    ]);
  });

  it('ignores a second submission while one is on its way', async () => {
    const pasted = { source: 'text' as const, headline: 'New', text: 'Words.' };
    actions$ = of(
      IntakePageActions.submitted({ article: pasted }),
      IntakePageActions.submitted({ article: pasted }),
    );
    api.add.and.returnValue(NEVER);
    TestBed.runInInjectionContext(() => addArticle().subscribe());
    expect(api.add).toHaveBeenCalledTimes(1);
  });

  it('opens a pasted article on its suggestions, an uploaded one on its claims', async () => {
    actions$ = of(
      IntakeApiActions.articleAdded({ article: article({ id: 'p' }), source: 'text' }),
      IntakeApiActions.articleAdded({ article: article({ id: 'f' }), source: 'file' }),
    );
    await all(openAddedArticle);
    expect(router.navigate.calls.allArgs()).toEqual([
      [['/articles', 'p'], { queryParams: { list: 'suggestions' } }],
      [['/articles', 'f'], { queryParams: {} }],
    ]);
  });
});
