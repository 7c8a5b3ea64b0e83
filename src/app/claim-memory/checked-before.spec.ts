import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { MockStore, provideMockStore } from '@ngrx/store/testing';
import { of } from 'rxjs';
import { ClaimDetail, ClaimSummary } from '../../domain/claim';
import { ClaimMatch } from '../../domain/matching';
import { Actor } from '../../domain/workflow';
import { sessionFeature } from '../session/state/session.feature';
import { claimFixture } from '../workspace/state/claims.feature.spec';
import { claimsFeature } from '../workspace/state/claims.feature';
import { CheckedBefore } from './checked-before';
import { ClaimMemoryApi } from './claim-memory-api';
import { CheckedBeforeActions } from './state/claim-memory.actions';

const EDITOR: Actor = { username: 'dana', role: 'editor' };
const CHECKER: Actor = { username: 'casey', role: 'fact_checker' };

function matchFixture(overrides: Partial<ClaimMatch> = {}): ClaimMatch {
  return {
    claimId: 'pnk-021',
    articleId: 'putin-visit',
    articleHeadline: 'Putin visits North Korea',
    quote: 'nearly five million artillery shells',
    statement: 'North Korea has shipped nearly five million artillery shells to Russia.',
    summary: null,
    stage: 'approved',
    verdict: 'mostly_false',
    score: 0.93,
    ...overrides,
  };
}

const ORIGINAL: ClaimDetail = {
  ...claimFixture({
    id: 'pnk-021',
    articleId: 'putin-visit',
    statement: 'North Korea has shipped nearly five million artillery shells to Russia.',
    stage: 'approved',
    verdict: 'mostly_false',
  }),
  evidence: [],
  notes: [],
};

describe('CheckedBefore', () => {
  let store: MockStore;
  let api: jasmine.SpyObj<ClaimMemoryApi>;
  afterEach(() => TestBed.inject(MockStore).resetSelectors());

  function render(
    inputs: { claim?: ClaimSummary; text?: string; articleId?: string },
    matches: ClaimMatch[],
    actor: Actor = EDITOR,
  ) {
    api = jasmine.createSpyObj<ClaimMemoryApi>('ClaimMemoryApi', ['match', 'similar', 'claim']);
    api.match.and.returnValue(of({ items: matches }));
    api.similar.and.returnValue(of({ items: matches }));
    api.claim.and.returnValue(of(ORIGINAL));
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        provideMockStore({
          selectors: [
            { selector: sessionFeature.selectActor, value: actor },
            { selector: claimsFeature.selectArticle, value: null },
          ],
        }),
        { provide: ClaimMemoryApi, useValue: api },
      ],
    });
    store = TestBed.inject(MockStore);
    spyOn(store, 'dispatch');
    const fixture = TestBed.createComponent(CheckedBefore);
    if (inputs.claim) fixture.componentRef.setInput('claim', inputs.claim);
    if (inputs.text) fixture.componentRef.setInput('text', inputs.text);
    if (inputs.articleId) fixture.componentRef.setInput('articleId', inputs.articleId);
    fixture.detectChanges();
    return { fixture, element: fixture.nativeElement as HTMLElement };
  }

  const button = (element: HTMLElement, testId: string) =>
    element.querySelector<HTMLButtonElement>(`[data-testid="${testId}"]`);

  it('shows the best matches from other articles that score high enough, best first', () => {
    const { element } = render({ text: 'Five million shells went to Russia', articleId: 'a1' }, [
      matchFixture(),
      matchFixture({ claimId: 'same', articleId: 'a1', score: 0.99 }),
      matchFixture({ claimId: 'weak', statement: 'Something else entirely', score: 0.1 }),
      matchFixture({ claimId: 'other', statement: 'Kim travelled by train', verdict: null }),
    ]);
    // The passage's own article (a1) is left out: its claims are not "before".
    expect(api.match).toHaveBeenCalledWith('Five million shells went to Russia', 10);
    const items = [...element.querySelectorAll('[data-testid="checked-before-match"]')];
    expect(element.querySelector('h4')?.textContent).toContain('Checked before?');
    expect(items.map((item) => item.querySelector('a')?.textContent?.trim())).toEqual([
      'North Korea has shipped nearly five million artillery shells to Russia.',
      'Kim travelled by train',
    ]);
    expect(items[0].textContent).toContain('Putin visits North Korea');
    expect(items[0].textContent).toContain('Mostly false');
    expect(items[0].textContent).toContain('Approved');
    // A passage is no claim yet: nothing to mark.
    expect(button(element, 'mark-repeat')).toBeNull();
  });

  it('shows nothing when no match scores high enough', () => {
    const { element } = render({ text: 'Unrelated' }, [matchFixture({ score: 0.2 })]);
    expect(element.querySelector('[data-testid="checked-before"]')).toBeNull();
  });

  it('marks a claim as a repeat after a yes', () => {
    const claim = claimFixture({ id: 'c9', articleId: 'later' });
    const { fixture, element } = render({ claim }, [matchFixture()]);
    expect(api.similar).toHaveBeenCalledWith('c9', 10);
    button(element, 'mark-repeat')!.click();
    fixture.detectChanges();
    expect(store.dispatch).not.toHaveBeenCalled();
    expect(element.querySelector('[role="alertdialog"]')?.textContent).toContain(
      'Mark this claim as a repeat of',
    );
    button(element, 'confirm-memory')!.click();
    expect(store.dispatch).toHaveBeenCalledWith(
      CheckedBeforeActions.markRepeatConfirmed({ claim, originalId: 'pnk-021' }),
    );
  });

  it('does not offer marking to a fact-checker', () => {
    const { element } = render(
      { claim: claimFixture({ id: 'c9', articleId: 'later' }) },
      [matchFixture()],
      CHECKER,
    );
    expect(element.querySelector('[data-testid="checked-before-match"]')).not.toBeNull();
    expect(button(element, 'mark-repeat')).toBeNull();
  });

  it('says what a repeat repeats and how often a claim is repeated, and adopts after a yes', () => {
    const claim = claimFixture({
      id: 'c9',
      articleId: 'later',
      repeatOf: 'pnk-021',
      repeatCount: 2,
    });
    const { fixture, element } = render({ claim }, [matchFixture()]);
    expect(api.claim).toHaveBeenCalledWith('pnk-021');
    const repeatOf = element.querySelector('[data-testid="repeat-of"]')!;
    expect(repeatOf.textContent).toContain('Repeat of');
    expect(repeatOf.querySelector('a')?.textContent).toContain('five million artillery shells');
    expect(repeatOf.querySelector('a')?.getAttribute('href')).toBe(
      '/articles/putin-visit?claim=pnk-021',
    );
    expect(element.querySelector('[data-testid="repeat-count"]')?.textContent).toContain(
      'Repeated 2 times',
    );
    // Already its repeat: not offered again.
    expect(button(element, 'mark-repeat')).toBeNull();
    button(element, 'adopt-check')!.click();
    fixture.detectChanges();
    button(element, 'confirm-memory')!.click();
    expect(store.dispatch).toHaveBeenCalledWith(CheckedBeforeActions.adoptConfirmed({ claim }));
  });

  it('explains why adopting is not possible once the claim is in review', () => {
    const claim = claimFixture({ id: 'c9', stage: 'in_review', repeatOf: 'pnk-021' });
    const { element } = render({ claim }, []);
    expect(button(element, 'adopt-check')!.disabled).toBeTrue();
    expect(element.querySelector('.why')?.textContent).toContain('request changes first');
  });
});
