import { provideHttpClient } from '@angular/common/http';
import { provideHttpClientTesting } from '@angular/common/http/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { By } from '@angular/platform-browser';
import { MatDialog } from '@angular/material/dialog';
import { MatSelectHarness } from '@angular/material/select/testing';
import { provideRouter, Router } from '@angular/router';
import { MockStore, provideMockStore } from '@ngrx/store/testing';
import { usersFeature } from '../users/state/users.feature';
import { ArticleDetail, ClaimSummary } from '../../domain/claim';
import { ClaimFilter, EMPTY_FILTER } from '../../domain/claim-filter';
import { suggestionsFeature } from '../new-claims/state/suggestions.feature';
import { SuggestionList } from '../new-claims/suggestion-list';
import { ReportMenu } from '../reports/report-menu';
import { sessionFeature } from '../session/state/session.feature';
import { ClaimPanel } from './claim-panel/claim-panel';
import { Shortcuts } from './shortcuts';
import { ClaimDetailPageActions } from './state/claim-detail.actions';
import { claimsFeature } from './state/claims.feature';
import { claimFixture } from './state/claims.feature.spec';
import { WorkspacePageActions } from './state/workspace.actions';
import { SelectionBar } from '../bulk/selection-bar';
import { SelectionBarStub } from './selection-bar-stub.spec';
import { stubIntersections } from './intersection-stub.spec';
import { ArticleActions } from '../articles/article-actions';
import { Workspace } from './workspace';
import { provideAppIcons } from '../shell/icons';

/** Stands in for the claim panel, which has tests of its own; found as the panel. */
@Component({
  selector: 'cd-claim-panel',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<h2 id="claim-panel-title" tabindex="-1">Claim</h2>
    <button type="button" (click)="closed.emit()">Close claim</button>`,
  providers: [{ provide: ClaimPanel, useExisting: PanelStub }],
})
class PanelStub {
  readonly claimId = input.required<string>();
  readonly closed = output<void>();
  readonly focusEvidence = jasmine.createSpy('focusEvidence');
  readonly focusNote = jasmine.createSpy('focusNote');
}

@Component({
  selector: 'cd-suggestion-list',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: '',
})
class SuggestionsStub {}

describe('Workspace', () => {
  afterEach(() => TestBed.inject(MockStore).resetSelectors());
  afterEach(() => document.querySelectorAll('cd-workspace').forEach((el) => el.remove()));

  const article = {
    id: 'a1',
    headline: 'Visit',
    text: 'One claim. Two claim. Three claim.',
    headings: [],
    outlet: null,
    publishedAt: null,
  } as unknown as ArticleDetail;
  const claims: ClaimSummary[] = [
    claimFixture({ id: 'c1', start: 0, end: 9, quote: 'One claim' }),
    claimFixture({ id: 'c2', start: 11, end: 20, quote: 'Two claim' }),
    claimFixture({ id: 'c3', start: 22, end: 33, quote: 'Three claim' }),
  ];

  async function render(
    claim?: string,
    filter: ClaimFilter = EMPTY_FILTER,
    options: {
      archived?: boolean;
      checked?: readonly string[];
      missing?: boolean;
      publishedAt?: string;
      /** The claims section far below the view (a phone); otherwise it is in view. */
      farBelow?: boolean;
    } = {},
  ) {
    const checked = options.checked ?? [];
    TestBed.configureTestingModule({
      providers: [
        provideAppIcons(),
        provideRouter([]),
        provideHttpClient(),
        provideHttpClientTesting(),
        provideMockStore({
          selectors: [
            {
              selector: claimsFeature.selectArticle,
              value: options.missing
                ? null
                : {
                    ...article,
                    archived: options.archived ?? false,
                    publishedAt: options.publishedAt ?? null,
                  },
            },
            { selector: claimsFeature.selectCheckedIds, value: checked },
            {
              selector: claimsFeature.selectCheckedClaims,
              value: claims.filter((c) => checked.includes(c.id)),
            },
            { selector: claimsFeature.selectAll, value: claims },
            { selector: claimsFeature.selectVisibleClaims, value: claims },
            { selector: claimsFeature.selectFilter, value: filter },
            { selector: claimsFeature.selectLoading, value: false },
            {
              selector: claimsFeature.selectError,
              value: options.missing ? 'No such article.' : null,
            },
            { selector: claimsFeature.selectMissing, value: options.missing ?? false },
            { selector: sessionFeature.selectIsEditor, value: true },
            { selector: suggestionsFeature.selectOpenCount, value: 1 },
            {
              selector: suggestionsFeature.selectOpenSuggestions,
              value: [{ key: 's1', id: 's1', start: 20, end: 22 }],
            },
            { selector: usersFeature.selectDisplayNames, value: new Map() },
          ],
        }),
      ],
    });
    TestBed.overrideComponent(Workspace, {
      remove: { imports: [ClaimPanel, SuggestionList, SelectionBar] },
      add: { imports: [PanelStub, SuggestionsStub, SelectionBarStub] },
    });
    // The claim panel is a `@defer` block: its dependencies are resolved before rendering.
    await TestBed.compileComponents();
    const store = TestBed.inject(MockStore);
    const dispatched = spyOn(store, 'dispatch');
    const navigate = spyOn(TestBed.inject(Router), 'navigate').and.resolveTo(true);
    if (!options.farBelow) {
      stubIntersections(true);
    }
    const fixture = TestBed.createComponent(Workspace);
    fixture.componentRef.setInput('articleId', 'a1');
    fixture.componentRef.setInput('claim', claim);
    document.body.appendChild(fixture.nativeElement);
    await fixture.whenStable();
    dispatched.calls.reset();
    return {
      fixture,
      store,
      dispatched,
      navigate,
      loader: TestbedHarnessEnvironment.loader(fixture),
    };
  }

  function key(key: string, target: EventTarget = document.body): KeyboardEvent {
    const event = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true });
    target.dispatchEvent(event);
    return event;
  }

  describe('the header', () => {
    it('writes the publication date as the browser’s locale does, and counts in words', async () => {
      const { fixture } = await render(undefined, EMPTY_FILTER, { publishedAt: '2024-11-12' });
      const meta = (fixture.nativeElement as HTMLElement).querySelector('.meta') as HTMLElement;
      const published = meta.querySelector('time') as HTMLElement;
      expect(published.getAttribute('datetime')).toBe('2024-11-12');
      expect(published.textContent?.trim()).toBe(
        new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' }).format(
          Date.UTC(2024, 10, 12),
        ),
      );
      expect(meta.textContent).not.toContain('2024-11-12');
      expect(meta.textContent).toContain('3 claims');
    });
  });

  describe('a link that leads nowhere', () => {
    it('says the article does not exist and links to the articles', async () => {
      const { fixture } = await render(undefined, EMPTY_FILTER, { missing: true });
      const alert = (fixture.nativeElement as HTMLElement).querySelector('[role="alert"]');
      expect(alert?.textContent).toContain('There is no article “a1”');
      expect(alert?.querySelector('a')?.getAttribute('href')).toBe('/articles');
      expect(alert?.querySelector('a')?.textContent?.trim()).toBe('Go to the articles');
    });

    it('says an unknown claim does not exist instead of opening an empty panel', async () => {
      const { fixture, navigate } = await render('c99');
      const root = fixture.nativeElement as HTMLElement;
      expect(root.querySelector('cd-claim-panel')).toBeNull();
      expect(root.querySelector('[data-testid="claim-missing"] [role="alert"]')?.textContent).toBe(
        'There is no claim “c99” in this article.',
      );
      (root.querySelector('[data-testid="claim-missing"] button') as HTMLButtonElement).click();
      expect(navigate).toHaveBeenCalledWith(
        [],
        jasmine.objectContaining({ queryParams: { claim: null } }),
      );
    });

    it('opens a claim the article has', async () => {
      const { fixture } = await render('c2');
      const root = fixture.nativeElement as HTMLElement;
      expect(root.querySelector('cd-claim-panel')).not.toBeNull();
      expect(root.querySelector('[data-testid="claim-missing"]')).toBeNull();
    });
  });

  describe('keyboard', () => {
    it('j and k move to the next and previous claim, replacing the history entry', async () => {
      const { navigate } = await render('c2');
      key('j');
      key('k');
      expect(navigate.calls.allArgs()).toEqual([
        [[], { queryParams: { claim: 'c3' }, queryParamsHandling: 'merge', replaceUrl: true }],
        [[], { queryParams: { claim: 'c1' }, queryParamsHandling: 'merge', replaceUrl: true }],
      ]);
    });

    it('j with no claim open opens the first; at the last claim it stays', async () => {
      const first = await render();
      key('j');
      expect(first.navigate).toHaveBeenCalledOnceWith([], {
        queryParams: { claim: 'c1' },
        queryParamsHandling: 'merge',
        replaceUrl: true,
      });
    });

    it('Enter goes to the open claim’s heading, so that a second Enter closes nothing', async () => {
      const { fixture, navigate } = await render('c1');
      const root = fixture.nativeElement as HTMLElement;
      key('Enter');
      const heading = root.querySelector<HTMLElement>('#claim-panel-title')!;
      expect(document.activeElement).toBe(heading);
      key('Enter', heading);
      expect(document.activeElement).toBe(heading);
      expect(navigate).not.toHaveBeenCalled();
    });

    it('e and n ask the open claim’s panel for its evidence link and note box', async () => {
      const { fixture } = await render('c1');
      const panel = fixture.debugElement.query(By.directive(PanelStub))
        .componentInstance as PanelStub;
      expect(key('e').defaultPrevented).toBeTrue();
      expect(panel.focusEvidence).toHaveBeenCalledTimes(1);
      key('n');
      expect(panel.focusNote).toHaveBeenCalledTimes(1);
    });

    it('e and n do nothing while no claim is open', async () => {
      await render();
      expect(() => key('e')).not.toThrow();
      expect(() => key('n')).not.toThrow();
    });

    it('Escape closes the open claim', async () => {
      const { navigate, dispatched } = await render('c1');
      key('Escape');
      expect(navigate).toHaveBeenCalledOnceWith([], {
        queryParams: { claim: null },
        queryParamsHandling: 'merge',
        replaceUrl: false,
      });
      expect(dispatched).toHaveBeenCalledWith(ClaimDetailPageActions.closed());
    });

    it('/ goes to the search and ? lists the shortcuts', async () => {
      const { fixture } = await render();
      const dialog = spyOn(TestBed.inject(MatDialog), 'open').and.callThrough();
      const slash = key('/');
      expect(slash.defaultPrevented).toBeTrue();
      expect(document.activeElement).toBe(
        (fixture.nativeElement as HTMLElement).querySelector('[data-testid="claim-search"]'),
      );
      key('?');
      expect(dialog).toHaveBeenCalledOnceWith(Shortcuts, jasmine.any(Object));
      expect(document.querySelector('cd-shortcuts')?.textContent).toContain(
        'Next / previous claim',
      );
      TestBed.inject(MatDialog).closeAll();
    });

    it('draws the claims far below the view only when asked: / draws them and goes to the search', async () => {
      const { fixture } = await render(undefined, EMPTY_FILTER, { farBelow: true });
      const page = fixture.nativeElement as HTMLElement;
      expect(page.querySelector('cd-claims-table')).toBeNull();
      expect(page.querySelector('[data-testid="claim-search"]')).toBeNull();
      expect(page.querySelector('#claims')?.textContent).toContain('Claims (3)');
      key('/');
      await fixture.whenStable();
      expect(page.querySelector('cd-claims-table')).not.toBeNull();
      expect(document.activeElement).toBe(page.querySelector('[data-testid="claim-search"]'));
    });

    it('leaves keys typed into a field alone', async () => {
      const { fixture, navigate } = await render('c1');
      const search = (fixture.nativeElement as HTMLElement).querySelector<HTMLInputElement>(
        '[data-testid="claim-search"]',
      )!;
      const event = key('j', search);
      key('Escape', search);
      expect(event.defaultPrevented).toBeFalse();
      expect(navigate).not.toHaveBeenCalled();
    });
  });

  describe('filter to URL', () => {
    it('typing dispatches the query alone, however the filter’s lists were made', async () => {
      const { fixture, dispatched, store } = await render(undefined, {
        ...EMPTY_FILTER,
        stages: ['new'],
      });
      const search = (fixture.nativeElement as HTMLElement).querySelector<HTMLInputElement>(
        '[data-testid="claim-search"]',
      )!;
      search.value = 'k';
      search.dispatchEvent(new Event('input'));
      // The URL lands: same filter, new lists.
      store.overrideSelector(claimsFeature.selectFilter, {
        ...EMPTY_FILTER,
        stages: ['new'],
        query: 'k',
      });
      store.refreshState();
      await fixture.whenStable();
      search.value = 'kr';
      search.dispatchEvent(new Event('input'));
      expect(dispatched.calls.allArgs()).toEqual([
        [WorkspacePageActions.searchTyped({ query: 'k' })],
        [WorkspacePageActions.searchTyped({ query: 'kr' })],
      ]);
    });

    it('a filter control sends the whole filter with the change, the query kept', async () => {
      const { loader, dispatched } = await render(undefined, { ...EMPTY_FILTER, query: 'kremlin' });
      const verdict = (await loader.getAllHarnesses(MatSelectHarness))[1];
      await verdict.open();
      await verdict.clickOptions({ text: 'No verdict yet' });
      expect(dispatched).toHaveBeenCalledOnceWith(
        WorkspacePageActions.filterChanged({
          filter: { ...EMPTY_FILTER, query: 'kremlin', verdicts: ['none'] },
        }),
      );
    });

    it('a column header sorts through the URL', async () => {
      const { fixture, dispatched } = await render();
      const header = [
        ...(fixture.nativeElement as HTMLElement).querySelectorAll<HTMLButtonElement>(
          '[role="columnheader"] button',
        ),
      ].find((b) => b.textContent?.includes('Updated'))!;
      header.click();
      expect(dispatched).toHaveBeenCalledOnceWith(
        WorkspacePageActions.filterChanged({
          filter: { ...EMPTY_FILTER, sort: 'updated', descending: false },
        }),
      );
    });
  });

  it('offers the article’s own actions (edit, archive) in its header', async () => {
    const { fixture } = await render(undefined, EMPTY_FILTER, { archived: true });
    const actions = fixture.debugElement.query(By.css('header cd-article-actions'));
    expect((actions.componentInstance as ArticleActions).article()).toEqual(
      jasmine.objectContaining({ id: 'a1', archived: true }),
    );
  });

  it('hands the export menu the table’s whole filter, its sort and direction too', async () => {
    const { fixture } = await render(undefined, {
      ...EMPTY_FILTER,
      stages: ['approved'],
      mine: true,
      query: 'shells',
      sort: 'updated',
      descending: true,
    });
    const menu = fixture.debugElement.query(By.directive(ReportMenu))
      .componentInstance as ReportMenu;
    expect(menu.filter()).toEqual({
      stage: 'approved',
      mine: '1',
      q: 'shells',
      sort: 'updated',
      dir: 'desc',
    });
  });

  it('opens a claim from the table as a new history entry, and says which in the text', async () => {
    const { fixture, navigate } = await render();
    const root = fixture.nativeElement as HTMLElement;
    root.querySelector<HTMLElement>('#claim-row-c2')!.click();
    expect(navigate).toHaveBeenCalledOnceWith([], {
      queryParams: { claim: 'c2' },
      queryParamsHandling: 'merge',
      replaceUrl: false,
    });
    expect(root.querySelector('mark[data-claims="c2"]')?.getAttribute('aria-label')).toBe(
      'Claim, Researching, no verdict yet: Two claim',
    );
  });

  describe('checking claims for a bulk action', () => {
    const root = (fixture: { nativeElement: unknown }) => fixture.nativeElement as HTMLElement;

    it('keeps the checked claims in the store, one by one or all shown at once', async () => {
      const { fixture, dispatched } = await render(undefined, EMPTY_FILTER, { checked: ['c2'] });
      const boxes = root(fixture).querySelectorAll<HTMLInputElement>('[role="cell"] .check');
      expect([...boxes].map((box) => box.checked)).toEqual([false, true, false]);
      boxes[0].click();
      expect(dispatched).toHaveBeenCalledWith(
        WorkspacePageActions.claimChecked({ claimId: 'c1', checked: true }),
      );
      const all = root(fixture).querySelector<HTMLInputElement>('[data-testid="check-all"]')!;
      expect(all.indeterminate).toBeTrue();
      expect(all.getAttribute('aria-label')).toBe('Select all 3 claims shown');
      all.click();
      expect(dispatched).toHaveBeenCalledWith(
        WorkspacePageActions.visibleClaimsChecked({
          claimIds: ['c1', 'c2', 'c3'],
          checked: true,
        }),
      );
    });

    it('hands the checked claims to the selection bar, and clears them when it is done', async () => {
      const { fixture, dispatched } = await render(undefined, EMPTY_FILTER, {
        checked: ['c1', 'c3'],
      });
      const bar = root(fixture).querySelector('cd-selection-bar')!;
      expect(bar.querySelector('[data-testid="bar-count"]')?.textContent).toBe('2');
      bar.querySelector('button')!.click();
      expect(dispatched).toHaveBeenCalledWith(WorkspacePageActions.selectionCleared());
    });
  });

  describe('an archived article', () => {
    it('says so in a banner, offers no bulk actions and no new claims', async () => {
      const { fixture } = await render(undefined, EMPTY_FILTER, {
        archived: true,
        checked: ['c1'],
      });
      const el = fixture.nativeElement as HTMLElement;
      expect(el.querySelector('[data-testid="archived-banner"]')?.textContent).toContain(
        'This article is archived: its claims are read-only',
      );
      expect(el.querySelector('cd-selection-bar')).toBeNull();
      const boxes = [...el.querySelectorAll<HTMLInputElement>('.check')];
      expect(boxes.length).toBe(4);
      expect(boxes.every((box) => box.disabled)).toBeTrue();
      const add = el.querySelector<HTMLButtonElement>('[data-testid="claim-selection"]')!;
      expect(add.disabled).toBeTrue();
      expect(el.querySelector('#selection-hint')?.textContent).toContain('archived');
    });

    it('shows no banner while the article is not archived', async () => {
      const { fixture } = await render();
      const el = fixture.nativeElement as HTMLElement;
      expect(el.querySelector('[data-testid="archived-banner"]')).toBeNull();
    });
  });

  describe('the highlights’ legend', () => {
    it('names each colour of the colouring shown, and follows the toggle', async () => {
      const { fixture } = await render();
      const el = fixture.nativeElement as HTMLElement;
      const legend = () => el.querySelector('cd-article-legend') as HTMLElement;
      const entries = () =>
        [...legend().querySelectorAll('[role="listitem"]')].map((item) => [
          item.querySelector('.swatch')?.className,
          item.textContent?.trim(),
        ]);
      expect(legend().querySelector('#legend-colours')?.textContent).toBe('Colours by stage:');
      expect(entries()).toEqual([
        ['swatch stage-new', 'New'],
        ['swatch stage-researching', 'Researching'],
        ['swatch stage-in_review', 'In review'],
        ['swatch stage-changes_requested', 'Changes requested'],
        ['swatch stage-approved', 'Approved'],
        ['swatch stage-dismissed', 'Dismissed'],
      ]);
      // The highlights take the same classes as the swatches that name them.
      expect(el.querySelector('mark[data-claims="c2"]')?.classList).toContain('stage-researching');
      const byVerdict = [
        ...el.querySelectorAll<HTMLButtonElement>('mat-button-toggle button'),
      ].find((b) => b.textContent?.includes('Colour by verdict'))!;
      byVerdict.click();
      await fixture.whenStable();
      expect(legend().querySelector('#legend-colours')?.textContent).toBe('Colours by verdict:');
      expect(entries().map(([, label]) => label)).toEqual([
        'True',
        'Mostly true',
        'Mixed',
        'Misleading',
        'Mostly false',
        'False',
        'Unproven',
        'No verdict yet',
      ]);
      expect(entries().at(-1)?.[0]).toBe('swatch verdict-none');
      expect(el.querySelector('mark[data-claims="c2"]')?.classList).toContain('verdict-none');
    });

    it('says what the double and the dotted underline mean, in words', async () => {
      const { fixture } = await render();
      const text = (fixture.nativeElement as HTMLElement).querySelector(
        'cd-article-legend',
      )!.textContent!;
      expect(text).toContain('double underline: several claims on the same words');
      expect(text).toContain('dotted underline: a suggestion');
    });
  });

  describe('skip links', () => {
    it('skips from the article text to the claims, and back to the text’s tab stop', async () => {
      const { fixture } = await render('c2');
      const el = fixture.nativeElement as HTMLElement;
      const skip = el.querySelector<HTMLAnchorElement>('[data-testid="skip-to-claims"]')!;
      expect(skip.textContent?.trim()).toBe('Skip to claims');
      // Right before the text, so that it is reached before the text's highlights.
      expect(skip.nextElementSibling?.tagName).toBe('CD-ARTICLE-TEXT');
      skip.click();
      expect(document.activeElement).toBe(el.querySelector('section#claims'));
      expect(location.hash).toBe('');
      el.querySelector<HTMLAnchorElement>('[data-testid="back-to-text"]')!.click();
      expect(document.activeElement).toBe(el.querySelector('mark[data-claims="c2"]'));
    });
  });

  it('marks suggestions in the text apart from claims only when asked', async () => {
    const { fixture } = await render();
    const el = fixture.nativeElement as HTMLElement;
    expect(el.querySelectorAll('article .suggested').length).toBe(0);
    el.querySelector<HTMLButtonElement>('[data-testid="mark-suggestions"] button')!.click();
    await fixture.whenStable();
    const marked = [...el.querySelectorAll('article .suggested')];
    expect(marked.map((m) => [m.tagName, m.textContent])).toEqual([['SPAN', '. ']]);
  });
});
