import { DeferBlockBehavior, DeferBlockState, TestBed } from '@angular/core/testing';
import { MatDialog } from '@angular/material/dialog';
import { MockStore, provideMockStore } from '@ngrx/store/testing';
import { of } from 'rxjs';
import { ClaimMemoryApi } from '../claim-memory/claim-memory-api';
import { sessionFeature } from '../session/state/session.feature';
import { ListedSuggestion, listed } from './listed-suggestion';
import { BatchOutcome, NewClaimsPageActions } from './state/new-claims.actions';
import { suggestionsFeature } from './state/suggestions.feature';
import { scoredFixture, suggestionFixture } from './state/suggestions.feature.spec';
import { SuggestionList } from './suggestion-list';

const stored = listed(
  'a1',
  suggestionFixture({
    id: 's1',
    start: 0,
    end: 33,
    quote: 'The scheme would cost £4m a year.',
    score: 0.8,
    reasons: ['contains a figure: £4m', 'names who said it: Marion Adebayo'],
    claimant: 'Marion Adebayo',
  }),
);
const unstored = listed(
  'a1',
  scoredFixture({ start: 100, end: 127, quote: 'Sea level would still rise.', score: 0.42 }),
);

describe('SuggestionList', () => {
  let store: MockStore;
  // Mocked selectors are shared with other specs: put them back.
  afterEach(() => TestBed.inject(MockStore).resetSelectors());

  async function render(
    archived: boolean,
    rows: readonly ListedSuggestion[] = [stored],
    options: { lastBatch?: BatchOutcome; sensitivity?: string; matches?: ClaimMemoryApi } = {},
  ) {
    TestBed.configureTestingModule({
      // Imported, so that compileComponents loads the deferred "Checked before?" of each
      // row, which waits for the row to be in view: the tests say when.
      imports: [SuggestionList],
      deferBlockBehavior: DeferBlockBehavior.Manual,
      providers: [
        ...(options.matches ? [{ provide: ClaimMemoryApi, useValue: options.matches }] : []),
        provideMockStore({
          selectors: [
            { selector: suggestionsFeature.selectListed, value: rows },
            { selector: suggestionsFeature.selectLoading, value: false },
            { selector: suggestionsFeature.selectError, value: null },
            { selector: suggestionsFeature.selectPendingIds, value: new Set<string>() },
            {
              selector: suggestionsFeature.selectSensitivity,
              value: options.sensitivity ?? 'default',
            },
            { selector: suggestionsFeature.selectOrder, value: 'score' },
            { selector: suggestionsFeature.selectLastBatch, value: options.lastBatch ?? null },
            { selector: sessionFeature.selectIsEditor, value: true },
          ],
        }),
      ],
    });
    await TestBed.compileComponents();
    store = TestBed.inject(MockStore);
    spyOn(store, 'dispatch');
    const fixture = TestBed.createComponent(SuggestionList);
    fixture.componentRef.setInput('archived', archived);
    await fixture.whenStable();
    return { root: fixture.nativeElement as HTMLElement, fixture };
  }

  const itemButtons = (root: HTMLElement) => [
    ...root.querySelectorAll<HTMLButtonElement>('[data-testid="suggestion"] button'),
  ];

  it('lets an editor accept or reject each suggestion, the buttons naming its sentence', async () => {
    const { root } = await render(false);
    expect(itemButtons(root).map((b) => b.textContent?.trim())).toEqual(['Accept…', 'Reject']);
    expect(itemButtons(root).map((b) => b.getAttribute('aria-label'))).toEqual([
      'Accept: “The scheme would cost £4m a year.”',
      'Reject: “The scheme would cost £4m a year.”',
    ]);
    expect(
      root
        .querySelector('[data-testid="suggestion"] input[type=checkbox]')
        ?.getAttribute('aria-label'),
    ).toBe('Select: “The scheme would cost £4m a year.”');
  });

  it('cuts a long sentence short in the names of its buttons', async () => {
    const long = { ...stored, quote: 'The scheme would cost £4m a year, '.repeat(5) };
    const { root } = await render(false, [long]);
    const name = itemButtons(root)[0].getAttribute('aria-label')!;
    expect(name.startsWith('Accept: “The scheme would cost £4m a year, The')).toBeTrue();
    expect(name.endsWith('…”')).toBeTrue();
    expect(name.length).toBeLessThan(75);
  });

  it('shows why each was suggested, its score as a percentage, and its claimant', async () => {
    const { root } = await render(false);
    const item = root.querySelector('[data-testid="suggestion"]')!;
    expect(item.textContent).toContain('Check-worthiness 80%');
    expect(item.querySelector('[data-testid="suggestion-why"]')?.textContent?.trim()).toBe(
      'Why: contains a figure: £4m; names who said it: Marion Adebayo',
    );
    expect(item.textContent).toContain('claimant: Marion Adebayo');
  });

  it('renders a sentence as text, never as markup', async () => {
    const { root } = await render(false, [{ ...stored, quote: '<b>bold</b> claim' }]);
    expect(root.querySelector('blockquote b')).toBeNull();
    expect(root.querySelector('blockquote')?.textContent).toBe('<b>bold</b> claim');
  });

  it('offers no decision on an archived article’s suggestions, and says why', async () => {
    const { root } = await render(true);
    expect(itemButtons(root).length).toBe(0);
    expect(root.querySelector('input[type=checkbox]')).toBeNull();
    expect(root.textContent).toContain('The article is archived');
  });

  it('starts at the default sensitivity and asks for more when moved', async () => {
    const { root } = await render(false);
    const toggles = [
      ...root.querySelectorAll<HTMLButtonElement>('[data-testid="sensitivity"] button'),
    ];
    expect(toggles.map((b) => b.textContent?.trim())).toEqual([
      'Fewer',
      'Default',
      'More',
      'Everything',
    ]);
    const checked = [...root.querySelectorAll('[data-testid="sensitivity"] mat-button-toggle')].map(
      (t) => t.classList.contains('mat-button-toggle-checked'),
    );
    expect(checked).toEqual([false, true, false, false]);
    toggles[2].click();
    expect(store.dispatch).toHaveBeenCalledWith(
      NewClaimsPageActions.sensitivityChanged({ sensitivity: 'more' }),
    );
  });

  it('switches between ranked and text order', async () => {
    const { root } = await render(false);
    const toggles = [
      ...root.querySelectorAll<HTMLButtonElement>('[data-testid="suggestion-order"] button'),
    ];
    toggles[1].click();
    expect(store.dispatch).toHaveBeenCalledWith(
      NewClaimsPageActions.orderChanged({ order: 'text' }),
    );
  });

  it('counts one sentence as one, in words', async () => {
    const { root } = await render(false, [stored]);
    expect(root.querySelector('.intro')?.textContent).toContain('1 sentence looks worth checking.');
  });

  it('says of one sentence under the threshold that it does not reach it', async () => {
    const { root } = await render(false, [unstored], { sensitivity: 'more' });
    expect(root.querySelector('.intro')?.textContent).toContain(
      '1 sentence scores 30% or more; it does not reach the suggestion threshold.',
    );
  });

  it('says which sentences are under the threshold when the sensitivity is raised', async () => {
    const { root } = await render(false, [stored, unstored], { sensitivity: 'more' });
    expect(root.querySelector('.intro')?.textContent).toContain(
      '2 sentences score 30% or more; 1 of them reaches the suggestion threshold.',
    );
    const items = root.querySelectorAll('[data-testid="suggestion"]');
    expect(items[1].textContent).toContain('under the suggestion threshold');
    // Nothing stored to reject: it is simply left, or claimed.
    expect(
      [...items[1].querySelectorAll('button')].map((b) => b.getAttribute('aria-label')),
    ).toEqual(['Accept: “Sea level would still rise.”']);
  });

  it('accepts the checked sentences as they stand, with their claimants', async () => {
    const { root, fixture } = await render(false, [stored, unstored]);
    const accept = root.querySelector<HTMLButtonElement>('[data-testid="accept-checked"]')!;
    const reject = root.querySelector<HTMLButtonElement>('[data-testid="reject-checked"]')!;
    expect(accept.disabled).toBeTrue();
    root.querySelector<HTMLInputElement>('[data-testid="check-all-suggestions"] input')!.click();
    await fixture.whenStable();
    expect(accept.textContent?.trim()).toBe('Accept 2 as they stand');
    // Only the stored one can be rejected.
    expect(reject.textContent?.trim()).toBe('Reject 1');
    accept.click();
    expect(store.dispatch).toHaveBeenCalledWith(
      NewClaimsPageActions.severalAccepted({
        acceptances: [
          {
            suggestion: stored,
            draft: {
              start: 0,
              end: 33,
              statement: 'The scheme would cost £4m a year.',
              kind: 'figure',
              claimant: 'Marion Adebayo',
              claimantType: 'Person',
            },
          },
          {
            suggestion: unstored,
            draft: {
              start: 100,
              end: 127,
              statement: 'Sea level would still rise.',
              kind: 'prediction',
            },
          },
        ],
      }),
    );
    await fixture.whenStable();
    expect(accept.disabled).toBeTrue();
  });

  it('rejects only the checked ones', async () => {
    const other = { ...stored, id: 's2', key: 's2', quote: 'Another one.' };
    const { root, fixture } = await render(false, [stored, other]);
    root.querySelectorAll<HTMLInputElement>('[data-testid="suggestion"] input')[1].click();
    await fixture.whenStable();
    root.querySelector<HTMLButtonElement>('[data-testid="reject-checked"]')!.click();
    expect(store.dispatch).toHaveBeenCalledWith(
      NewClaimsPageActions.severalRejected({ suggestions: [other] }),
    );
  });

  it('says what accepting several came to', async () => {
    const { root } = await render(false, [stored], {
      lastBatch: { decision: 'accepted', keys: ['a', 'b', 'c'], done: 2, errors: ['Gone.'] },
    });
    expect(root.querySelector('[data-testid="batch-outcome"]')?.textContent?.trim()).toBe(
      '2 suggestions accepted as claims. 1 suggestion could not be accepted: Gone.',
    );
  });

  it('asks whether a sentence was checked before only once its row is in view', async () => {
    const matches = jasmine.createSpyObj<ClaimMemoryApi>('ClaimMemoryApi', ['match']);
    matches.match.and.returnValue(of({ items: [] }));
    const { root, fixture } = await render(false, [stored, unstored], { matches });
    const blocks = await fixture.getDeferBlocks();
    expect(blocks.length).toBe(2);
    expect(root.querySelectorAll('cd-checked-before').length).toBe(0);
    expect(root.querySelectorAll('.checked-before-placeholder').length).toBe(2);
    expect(matches.match).not.toHaveBeenCalled();

    await blocks[1].render(DeferBlockState.Complete);
    expect(root.querySelectorAll('cd-checked-before').length).toBe(1);
    expect(matches.match).toHaveBeenCalledOnceWith(
      'Sea level would still rise.',
      jasmine.any(Number),
    );
  });

  it('opens the claim dialog on a sentence, then accepts it as the editor confirmed', async () => {
    const { root } = await render(false, [unstored]);
    const draft = { start: 100, end: 127, statement: 'Sea level will rise.', kind: 'prediction' };
    const dialog = TestBed.inject(MatDialog);
    const open = spyOn(dialog, 'open').and.returnValue({
      afterClosed: () => of(draft),
    } as ReturnType<MatDialog['open']>);
    itemButtons(root)[0].click();
    expect(open.calls.mostRecent().args[1]?.data).toEqual(
      jasmine.objectContaining({ title: 'Claim this sentence', start: 100, end: 127 }),
    );
    expect(store.dispatch).toHaveBeenCalledWith(
      NewClaimsPageActions.suggestionAccepted({
        suggestion: unstored,
        draft: draft as never,
      }),
    );
  });
});
