import { provideHttpClient } from '@angular/common/http';
import { provideHttpClientTesting } from '@angular/common/http/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { DeferBlockState, TestBed } from '@angular/core/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatProgressBarHarness } from '@angular/material/progress-bar/testing';
import { provideRouter } from '@angular/router';
import { MockStore, provideMockStore } from '@ngrx/store/testing';
import { usersFeature } from '../users/state/users.feature';
import { ArticleDetail, ClaimSummary } from '../../domain/claim';
import { claimsFeature } from '../workspace/state/claims.feature';
import { claimFixture } from '../workspace/state/claims.feature.spec';
import { Overview } from './overview';
import { DeskStats } from '../../domain/desk';
import { OverviewPageActions } from './state/overview.actions';
import { statsFeature } from './state/stats.feature';
import { statsFixture } from './stats-data.spec';

describe('Overview', () => {
  afterEach(() => TestBed.inject(MockStore).resetSelectors());

  const article = {
    id: 'a1',
    headline: 'The visit',
    text: '',
    headings: [],
  } as unknown as ArticleDetail;

  async function render(state: {
    article?: ArticleDetail | null;
    claims?: ClaimSummary[];
    loading?: boolean;
    error?: string | null;
    stats?: DeskStats | null;
    statsError?: string | null;
  }) {
    TestBed.configureTestingModule({
      // Imported, so that compileComponents loads its deferred charts.
      imports: [Overview],
      providers: [
        provideRouter([]),
        provideHttpClient(),
        provideHttpClientTesting(),
        provideMockStore({
          selectors: [
            { selector: claimsFeature.selectArticle, value: state.article ?? null },
            { selector: claimsFeature.selectAll, value: state.claims ?? [] },
            { selector: claimsFeature.selectLoading, value: state.loading ?? false },
            { selector: claimsFeature.selectError, value: state.error ?? null },
            { selector: usersFeature.selectDisplayNames, value: new Map() },
            { selector: statsFeature.selectStats, value: state.stats ?? null },
            { selector: statsFeature.selectError, value: state.statsError ?? null },
          ],
        }),
      ],
    });
    // The charts are deferred: their part of the template loads apart.
    await TestBed.compileComponents();
    const dispatched = spyOn(TestBed.inject(MockStore), 'dispatch');
    const fixture = TestBed.createComponent(Overview);
    fixture.componentRef.setInput('articleId', 'a1');
    await fixture.whenStable();
    return {
      fixture,
      dispatched,
      root: fixture.nativeElement as HTMLElement,
      loader: TestbedHarnessEnvironment.loader(fixture),
    };
  }

  it('loads the article through its own page action', async () => {
    const { dispatched } = await render({ loading: true });
    expect(dispatched).toHaveBeenCalledOnceWith(OverviewPageActions.opened({ articleId: 'a1' }));
  });

  it('shows progress while loading', async () => {
    const { loader } = await render({ loading: true });
    expect(await loader.getAllHarnesses(MatProgressBarHarness)).toHaveSize(1);
  });

  it('says why it cannot show the overview, and tries again', async () => {
    const { root, loader, dispatched } = await render({
      error: 'The server cannot be reached. Check your connection and try again.',
    });
    expect(root.querySelector('[role="alert"]')?.textContent).toContain(
      'The server cannot be reached.',
    );
    dispatched.calls.reset();
    await (await loader.getHarness(MatButtonHarness.with({ text: 'Try again' }))).click();
    expect(dispatched).toHaveBeenCalledOnceWith(
      OverviewPageActions.retryClicked({ articleId: 'a1' }),
    );
  });

  it('charts claims per stage and per verdict, and lists what waits on whom', async () => {
    const { root } = await render({
      article,
      claims: [
        claimFixture({ id: 'a', stage: 'in_review', verdict: 'false', submittedBy: 'casey' }),
        claimFixture({ id: 'b', stage: 'new', verdict: null, statement: 'Not waiting.' }),
      ],
    });
    expect(root.querySelector('h1')?.textContent).toContain('Overview: The visit');
    const rows = [...root.querySelectorAll('figure tr')].map((tr) =>
      [...tr.children]
        .map((cell) => cell.textContent?.trim())
        .filter(Boolean)
        .join(' '),
    );
    expect(rows).toContain('In review 1');
    expect(rows).toContain('No verdict yet 1');
    expect(rows).toContain('False 1');
    const waiting = [...root.querySelectorAll('.waiting')].map((p) => p.textContent);
    expect(waiting.length).toBe(1);
    expect(waiting[0]).toContain('In review, waiting for an editor other than casey');
  });

  it('charts the time in stage, approvals and overdue claims from the desk statistics', async () => {
    const { root, fixture } = await render({ article, stats: statsFixture() });
    // The charts wait for the page to settle, then bring Chart.js with them.
    const [charts] = await fixture.getDeferBlocks();
    await charts.render(DeferBlockState.Complete);
    await fixture.whenStable();
    const captions = [...root.querySelectorAll('cd-stats-charts figcaption')].map((c) =>
      c.textContent?.trim(),
    );
    expect(captions).toContain('Median time in each stage');
    expect(root.querySelectorAll('cd-stats-charts canvas').length).toBe(4);
    // The stage and verdict bars stay.
    expect(root.textContent).toContain('Claims per stage');
  });

  it('says why the charts cannot be shown, and tries again', async () => {
    const { root, loader, dispatched } = await render({ article, statsError: 'Offline.' });
    expect(root.querySelector('[data-testid="stats-error"]')?.textContent).toContain('Offline.');
    dispatched.calls.reset();
    await (await loader.getHarness(MatButtonHarness.with({ text: 'Try again' }))).click();
    expect(dispatched).toHaveBeenCalledOnceWith(
      OverviewPageActions.retryClicked({ articleId: 'a1' }),
    );
  });

  it('says it was left, so that its numbers stop reloading', async () => {
    const { fixture, dispatched } = await render({ article });
    fixture.destroy();
    expect(dispatched).toHaveBeenCalledWith(OverviewPageActions.closed({ articleId: 'a1' }));
  });
});
