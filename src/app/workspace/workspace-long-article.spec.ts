import { provideHttpClient } from '@angular/common/http';
import { provideHttpClientTesting } from '@angular/common/http/testing';
import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { MockStore, provideMockStore } from '@ngrx/store/testing';
import { ArticleDetail } from '../../domain/claim';
import { EMPTY_FILTER } from '../../domain/claim-filter';
import { SelectionBar } from '../bulk/selection-bar';
import { suggestionsFeature } from '../new-claims/state/suggestions.feature';
import { SuggestionList } from '../new-claims/suggestion-list';
import { sessionFeature } from '../session/state/session.feature';
import { provideAppIcons } from '../shell/icons';
import { usersFeature } from '../users/state/users.feature';
import { ClaimPanel } from './claim-panel/claim-panel';
import { SelectionBarStub } from './selection-bar-stub.spec';
import { claimsFeature } from './state/claims.feature';
import { claimFixture } from './state/claims.feature.spec';
import { Workspace } from './workspace';

@Component({
  selector: 'cd-claim-panel',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: '<h2 id="claim-panel-title" tabindex="-1">Claim</h2>',
  providers: [{ provide: ClaimPanel, useExisting: PanelStub }],
})
class PanelStub {
  readonly claimId = input.required<string>();
  readonly closed = output<void>();
}

@Component({
  selector: 'cd-suggestion-list',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: '',
})
class SuggestionsStub {}

/** A long article in the workspace: a claim opened far down the text is rendered and shown. */
describe('Workspace with a long article', () => {
  afterEach(() => TestBed.inject(MockStore).resetSelectors());
  afterEach(() => document.querySelectorAll('cd-workspace').forEach((el) => el.remove()));

  const PARAGRAPHS = 400;
  const paragraphs = Array.from(
    { length: PARAGRAPHS },
    (_, i) => `Paragraph ${i}: the council spent more on roads than it said it would.`,
  );
  const text = paragraphs.join('\n');
  let offset = 0;
  const claims = paragraphs.map((words, i) => {
    const claim = claimFixture({ id: `c${i}`, start: offset, end: offset + words.length - 1 });
    offset += words.length + 1;
    return claim;
  });
  const LAST = `c${PARAGRAPHS - 1}`;

  async function render(): Promise<ComponentFixture<Workspace>> {
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
              value: {
                id: 'long',
                headline: 'Long',
                text,
                headings: [],
                outlet: null,
                publishedAt: null,
                archived: false,
              } as unknown as ArticleDetail,
            },
            { selector: claimsFeature.selectCheckedIds, value: [] },
            { selector: claimsFeature.selectCheckedClaims, value: [] },
            { selector: claimsFeature.selectAll, value: claims },
            { selector: claimsFeature.selectVisibleClaims, value: claims },
            { selector: claimsFeature.selectFilter, value: EMPTY_FILTER },
            { selector: claimsFeature.selectLoading, value: false },
            { selector: claimsFeature.selectError, value: null },
            { selector: claimsFeature.selectMissing, value: false },
            { selector: sessionFeature.selectIsEditor, value: true },
            { selector: suggestionsFeature.selectOpenCount, value: 0 },
            { selector: suggestionsFeature.selectOpenSuggestions, value: [] },
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
    spyOn(TestBed.inject(MockStore), 'dispatch');
    spyOn(TestBed.inject(Router), 'navigate').and.resolveTo(true);
    const fixture = TestBed.createComponent(Workspace);
    fixture.componentRef.setInput('articleId', 'long');
    document.body.appendChild(fixture.nativeElement);
    await fixture.whenStable();
    return fixture;
  }

  async function until(fixture: ComponentFixture<unknown>, condition: () => boolean, what: string) {
    for (let frame = 0; frame < 180; frame += 1) {
      await fixture.whenStable();
      if (condition()) {
        return;
      }
      await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve)));
    }
    fail(`still waiting for ${what}`);
  }

  it('renders only the highlights near the view', async () => {
    const fixture = await render();
    const el = fixture.nativeElement as HTMLElement;
    await until(fixture, () => el.querySelectorAll('article mark').length < 100, 'fewer marks');
    expect(el.querySelectorAll('article p[data-block]').length).toBe(PARAGRAPHS);
    expect(el.querySelector(`article mark[data-claims="${LAST}"]`)).toBeNull();
  });

  it('renders a far claim opened from the table, and scrolls its highlight into view', async () => {
    const fixture = await render();
    const el = fixture.nativeElement as HTMLElement;
    await until(fixture, () => el.querySelectorAll('article mark').length < 100, 'fewer marks');
    const scrolled = spyOn(Element.prototype, 'scrollIntoView').and.callThrough();
    fixture.componentRef.setInput('claim', LAST);
    const mark = () => el.querySelector(`article mark[data-claims="${LAST}"]`);
    await until(fixture, () => scrolled.calls.count() > 0, 'a scroll');
    expect(mark()?.classList).toContain('selected');
    expect(scrolled.calls.all().some((call) => (call.object as unknown) === mark())).toBeTrue();
    // The first highlight is no longer the tab stop, and far from view: plain words again.
    await until(
      fixture,
      () => el.querySelector('article mark[data-claims="c0"]') === null,
      'the first highlight to go',
    );
  });
});
