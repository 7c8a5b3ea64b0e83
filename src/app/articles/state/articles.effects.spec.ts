import { HttpErrorResponse } from '@angular/common/http';
import { TestBed } from '@angular/core/testing';
import { MatSnackBar } from '@angular/material/snack-bar';
import { Router } from '@angular/router';
import { provideMockActions } from '@ngrx/effects/testing';
import { MockStore, provideMockStore } from '@ngrx/store/testing';
import { Action } from '@ngrx/store';
import { firstValueFrom, NEVER, Observable, of, Subject, throwError, toArray } from 'rxjs';
import { LiveActions } from '../../shell/state/live.actions';
import { ArticlesApi } from '../articles-api';
import {
  ArticleActionsActions,
  ArticleListPageActions,
  ArticlesApiActions,
  IntakeApiActions,
  IntakePageActions,
} from './articles.actions';
import {
  addArticle,
  announceArchive,
  announceImport,
  archiveArticle,
  loadArticles,
  openAddedArticle,
  refreshArticlesLive,
  saveArticleDetails,
} from './articles.effects';
import { articlesFeature } from './articles.feature';
import { article } from './articles.feature.spec';

describe('articles effects', () => {
  let actions$: Observable<Action>;
  let api: jasmine.SpyObj<ArticlesApi>;
  let router: jasmine.SpyObj<Router>;
  let snackBar: jasmine.SpyObj<MatSnackBar>;

  beforeEach(() => {
    snackBar = jasmine.createSpyObj<MatSnackBar>('MatSnackBar', ['open']);
    api = jasmine.createSpyObj<ArticlesApi>('ArticlesApi', ['list', 'add', 'update']);
    router = jasmine.createSpyObj<Router>('Router', ['navigate']);
    router.navigate.and.resolveTo(true);
    TestBed.configureTestingModule({
      providers: [
        provideMockActions(() => actions$),
        { provide: ArticlesApi, useValue: api },
        { provide: Router, useValue: router },
        { provide: MatSnackBar, useValue: snackBar },
        provideMockStore({
          selectors: [{ selector: articlesFeature.selectShowArchived, value: true }],
        }),
      ],
    });
  });

  afterEach(() => TestBed.inject(MockStore).resetSelectors());

  const all = (effect: () => Observable<Action>) =>
    TestBed.runInInjectionContext(() => firstValueFrom(effect().pipe(toArray())));

  it('loads the list, or says why it could not', async () => {
    actions$ = of(
      ArticleListPageActions.opened({ archived: false }),
      ArticleListPageActions.opened({ archived: true }),
    );
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
    expect(api.list.calls.allArgs()).toEqual([[{ archived: false }], [{ archived: true }]]);
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
    // The list as it is shown: archived ones too, here.
    expect(api.list).toHaveBeenCalledWith({ archived: true });
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
      IntakeApiActions.addFailed({ error: 'Too long.', field: '/body/text', code: null }),
    ]);
  });

  it('names a refused field as the article form labels it, not by its API pointer', async () => {
    const pasted = { source: 'text' as const, headline: 'New', text: 'Words.', url: 'ftp://x' };
    actions$ = of(IntakePageActions.submitted({ article: pasted }));
    api.add.and.returnValue(
      throwError(
        () =>
          new HttpErrorResponse({
            status: 400,
            error: {
              title: 'Invalid',
              status: 400,
              detail: '/body/url must be an http:// or https:// link',
              field: '/body/url',
            },
          }),
      ),
    );
    expect(await all(addArticle)).toEqual([
      IntakeApiActions.addFailed({
        error: 'Address of the article must be an http:// or https:// link',
        field: '/body/url',
        code: null,
      }),
    ]);
  });

  it('keeps apart what the import of a file did from the article the list shows', async () => {
    const upload = { source: 'file' as const, file: { formatVersion: 1 }, asCopy: true };
    const imported = {
      mode: 'import' as const,
      copyOf: 'a1',
      claimsReset: 12,
      claimsRenamed: 14,
      suggestions: 0,
    };
    actions$ = of(IntakePageActions.submitted({ article: upload }));
    api.add.and.returnValue(of({ ...article({ id: 'a1-copy' }), import: imported }));
    expect(await all(addArticle)).toEqual([
      IntakeApiActions.articleAdded({
        article: article({ id: 'a1-copy' }),
        source: 'file',
        imported,
      }),
    ]);
    expect(api.add).toHaveBeenCalledOnceWith(upload);
  });

  it('says a pasted article was imported from nothing', async () => {
    const pasted = { source: 'text' as const, headline: 'New', text: 'Words.' };
    actions$ = of(IntakePageActions.submitted({ article: pasted }));
    api.add.and.returnValue(of(article({ id: 'new' })));
    expect(await all(addArticle)).toEqual([
      IntakeApiActions.articleAdded({
        article: article({ id: 'new' }),
        source: 'text',
        imported: null,
      }),
    ]);
  });

  it('passes on the code of a file whose article is already here', async () => {
    actions$ = of(IntakePageActions.submitted({ article: { source: 'file', file: {} } }));
    api.add.and.returnValue(
      throwError(
        () =>
          new HttpErrorResponse({
            status: 409,
            error: {
              title: 'Conflict',
              status: 409,
              detail: 'An article with the id "a1" already exists; nothing was changed.',
              field: '/body/file/article/id',
              code: 'exists',
            },
          }),
      ),
    );
    expect(await all(addArticle)).toEqual([
      IntakeApiActions.addFailed({
        error: 'An article with the id "a1" already exists; nothing was changed.',
        field: '/body/file/article/id',
        code: 'exists',
      }),
    ]);
  });

  it('says what the import of a file did, and nothing for pasted text', async () => {
    actions$ = of(
      IntakeApiActions.articleAdded({
        article: article({ id: 'p' }),
        source: 'text',
        imported: null,
      }),
      IntakeApiActions.articleAdded({
        article: article({ id: 'a1-copy' }),
        source: 'file',
        imported: {
          mode: 'import',
          copyOf: 'a1',
          claimsReset: 12,
          claimsRenamed: 14,
          suggestions: 0,
        },
      }),
    );
    await all(announceImport);
    expect(snackBar.open).toHaveBeenCalledOnceWith(
      jasmine.stringMatching(/^Imported as a copy of a1, .* 12 claims start again as New/),
      'Close',
      { duration: 15000 },
    );
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
      IntakeApiActions.articleAdded({
        article: article({ id: 'p' }),
        source: 'text',
        imported: null,
      }),
      IntakeApiActions.articleAdded({
        article: article({ id: 'f' }),
        source: 'file',
        imported: null,
      }),
    );
    await all(openAddedArticle);
    expect(router.navigate.calls.allArgs()).toEqual([
      [['/articles', 'p'], { queryParams: { list: 'suggestions' } }],
      [['/articles', 'f'], { queryParams: {} }],
    ]);
  });

  it('saves details on the version the edit started from, or hands back what is saved now', async () => {
    const theirs = article({ headline: 'Theirs', version: 3 });
    actions$ = of(
      ArticleActionsActions.editSubmitted({ article: article(), changes: { headline: 'Mine' } }),
      ArticleActionsActions.editSubmitted({
        article: article({ version: 2 }),
        changes: { url: null },
      }),
    );
    api.update.and.returnValues(
      of(article({ headline: 'Mine', version: 2 })),
      throwError(
        () =>
          new HttpErrorResponse({
            status: 412,
            error: { title: 'Precondition Failed', status: 412, current: theirs },
          }),
      ),
    );
    expect(await all(saveArticleDetails)).toEqual([
      ArticlesApiActions.articleSaved({
        article: article({ headline: 'Mine', version: 2 }),
        change: 'details',
      }),
      ArticlesApiActions.saveFailed({
        articleId: 'a1',
        change: 'details',
        error: 'Someone else changed this article while you were editing it.',
        current: theirs,
      }),
    ]);
    expect(api.update.calls.allArgs()).toEqual([
      ['a1', 1, { headline: 'Mine' }],
      ['a1', 2, { url: null }],
    ]);
  });

  it('archives with the version shown, and names the reason of a refusal', async () => {
    actions$ = of(ArticleActionsActions.archiveConfirmed({ article: article(), archived: true }));
    api.update.and.returnValue(
      throwError(
        () =>
          new HttpErrorResponse({
            status: 403,
            error: { title: 'Forbidden', status: 403, detail: 'Only an editor can archive.' },
          }),
      ),
    );
    expect(await all(archiveArticle)).toEqual([
      ArticlesApiActions.saveFailed({
        articleId: 'a1',
        change: 'archive',
        error: 'Only an editor can archive.',
        current: null,
      }),
    ]);
    expect(api.update).toHaveBeenCalledOnceWith('a1', 1, { archived: true });
  });

  it('says an article was archived, and Undo brings it back', async () => {
    const undo = new Subject<void>();
    snackBar.open.and.returnValue({
      onAction: () => undo,
    } as unknown as ReturnType<MatSnackBar['open']>);
    const archived = article({ archived: true, version: 2 });
    actions$ = of(ArticlesApiActions.articleSaved({ article: archived, change: 'archive' }));
    const dispatched = spyOn(TestBed.inject(MockStore), 'dispatch');
    await all(announceArchive);
    expect(snackBar.open).toHaveBeenCalledOnceWith(
      'Archived “The visit”: its claims are read-only now.',
      'Undo',
      { duration: 10000 },
    );
    undo.next();
    expect(dispatched).toHaveBeenCalledOnceWith(
      ArticleActionsActions.archiveConfirmed({ article: archived, archived: false }),
    );
  });

  it('says nothing about a saved edit of the details: the dialog does', async () => {
    actions$ = of(ArticlesApiActions.articleSaved({ article: article(), change: 'details' }));
    await all(announceArchive);
    expect(snackBar.open).not.toHaveBeenCalled();
  });
});
