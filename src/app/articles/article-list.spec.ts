import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { TestBed } from '@angular/core/testing';
import { MatProgressBarHarness } from '@angular/material/progress-bar/testing';
import { provideRouter, Router } from '@angular/router';
import { MockStore, provideMockStore } from '@ngrx/store/testing';
import { ArticleSummary } from '../../domain/claim';
import { sessionFeature } from '../session/state/session.feature';
import { ArticleList } from './article-list';
import { ArticleListPageActions } from './state/articles.actions';
import { ArticleListItem, articlesFeature } from './state/articles.feature';
import { article as articleFixture } from './state/articles.feature.spec';
import { provideAppIcons } from '../shell/icons';

describe('ArticleList', () => {
  afterEach(() => TestBed.inject(MockStore).resetSelectors());

  async function render(
    articles: readonly ArticleSummary[],
    state: { loading?: boolean; error?: string | null; editor?: boolean; archived?: string } = {},
  ) {
    const items = articlesFeature.selectWithProgress.projector([...articles]);
    TestBed.configureTestingModule({
      providers: [
        provideAppIcons(),
        provideRouter([]),
        provideMockStore({
          selectors: [
            { selector: articlesFeature.selectWithProgress, value: items as ArticleListItem[] },
            { selector: articlesFeature.selectLoading, value: state.loading ?? false },
            { selector: articlesFeature.selectError, value: state.error ?? null },
            { selector: sessionFeature.selectIsEditor, value: state.editor ?? false },
            {
              selector: sessionFeature.selectActor,
              value: { username: 'casey', role: state.editor ? 'editor' : 'fact_checker' },
            },
          ],
        }),
      ],
    });
    const dispatched = spyOn(TestBed.inject(MockStore), 'dispatch');
    const fixture = TestBed.createComponent(ArticleList);
    if (state.archived !== undefined) {
      fixture.componentRef.setInput('archived', state.archived);
    }
    await fixture.whenStable();
    return {
      root: fixture.nativeElement as HTMLElement,
      dispatched,
      loader: TestbedHarnessEnvironment.loader(fixture),
    };
  }

  const chips = (root: HTMLElement, testId: string) =>
    [...root.querySelectorAll(`[data-testid="${testId}"] .chip`)].map((li) =>
      li.textContent?.replace(/\s+/g, ' ').trim(),
    );

  it('asks for the articles when opened', async () => {
    const { dispatched } = await render([]);
    expect(dispatched).toHaveBeenCalledOnceWith(ArticleListPageActions.opened({ archived: false }));
  });

  it('asks for archived articles too under ?archived=1, and marks them', async () => {
    const { dispatched, root } = await render([articleFixture({ archived: true })], {
      archived: '1',
      editor: true,
    });
    expect(dispatched).toHaveBeenCalledOnceWith(ArticleListPageActions.opened({ archived: true }));
    expect(root.querySelector('mat-card-subtitle')?.textContent).toContain('Archived');
    expect(root.querySelector('[data-testid="unarchive-article"]')).not.toBeNull();
  });

  it('offers "Show archived" as a switch, on under ?archived=1, that sets or clears it', async () => {
    const { root } = await render([], { archived: '1' });
    const navigate = spyOn(TestBed.inject(Router), 'navigate').and.resolveTo(true);
    const toggle = root.querySelector<HTMLInputElement>('[role="switch"]');
    expect(toggle?.closest('label')?.textContent?.trim()).toBe('Show archived');
    expect(toggle?.checked).toBeTrue();
    toggle?.click();
    expect(navigate).toHaveBeenCalledOnceWith([], { queryParams: { archived: null } });
    toggle?.click();
    expect(navigate).toHaveBeenCalledWith([], { queryParams: { archived: 1 } });
  });

  it('links each count to the claims list of that article, stage or verdict', async () => {
    const { root } = await render([articleFixture()]);
    const hrefs = (testId: string) =>
      [...root.querySelectorAll(`[data-testid="${testId}"] a`)].map((a) =>
        decodeURIComponent(a.getAttribute('href') ?? ''),
      );
    expect(hrefs('stage-counts')).toEqual([
      '/claims?article=a1&stage=new',
      '/claims?article=a1&stage=in_review',
      '/claims?article=a1&stage=approved',
    ]);
    expect(hrefs('verdict-counts')).toEqual([
      '/claims?article=a1&verdict=true',
      '/claims?article=a1&verdict=false',
      '/claims?article=a1&verdict=none',
    ]);
  });

  it('offers editing and archiving to editors only', async () => {
    const checker = await render([articleFixture()]);
    expect(checker.root.querySelector('[data-testid="edit-article"]')).toBeNull();
    TestBed.inject(MockStore).resetSelectors();
    TestBed.resetTestingModule();
    const editor = await render([articleFixture()], { editor: true });
    expect(editor.root.querySelector('[data-testid="edit-article"]')?.textContent).toContain(
      'Edit details',
    );
    expect(editor.root.querySelector('[data-testid="archive-article"]')).not.toBeNull();
  });

  it('shows each article’s progress and its counts per stage and per verdict, in words', async () => {
    const { root } = await render([articleFixture()]);
    expect(root.querySelector('h2')?.textContent?.trim()).toBe('The visit');
    expect(root.querySelector('.summary')?.textContent?.replace(/\s+/g, ' ')).toContain(
      '50% checked · 4 claims',
    );
    expect(chips(root, 'stage-counts')).toEqual(['New 1', 'In review 1', 'Approved 2']);
    expect(chips(root, 'verdict-counts')).toEqual(['True 1', 'False 1', 'No verdict yet 2']);
    expect(root.querySelector('[data-testid="verdict-counts"]')?.getAttribute('aria-label')).toBe(
      'Claims per verdict',
    );
  });

  it('shows loading, a failure, and an empty list for what each is', async () => {
    const loading = await render([], { loading: true });
    expect(await loading.loader.getAllHarnesses(MatProgressBarHarness)).toHaveSize(1);
    expect(loading.root.textContent).not.toContain('No articles yet.');
    TestBed.resetTestingModule();
    const failed = await render([], { error: 'The server answered 500 Server Error.' });
    expect(failed.root.querySelector('[role="alert"]')?.textContent).toContain('500');
    TestBed.resetTestingModule();
    const empty = await render([]);
    expect(empty.root.textContent).toContain('No articles yet.');
  });
});
