import { HttpErrorResponse } from '@angular/common/http';
import { TestBed } from '@angular/core/testing';
import { MatSnackBar } from '@angular/material/snack-bar';
import { provideMockActions } from '@ngrx/effects/testing';
import { Action } from '@ngrx/store';
import { MockStore, provideMockStore } from '@ngrx/store/testing';
import { firstValueFrom, Observable, of, throwError, toArray } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { listed } from '../listed-suggestion';
import { claimFixture } from '../../workspace/state/claims.feature.spec';
import { LiveActions } from '../../shell/state/live.actions';
import { WorkspacePageActions } from '../../workspace/state/workspace.actions';
import { NewClaimsApi } from '../new-claims-api';
import { NewClaimsApiActions, NewClaimsPageActions } from './new-claims.actions';
import {
  acceptSeveral,
  acceptSuggestion,
  claimSelection,
  loadSuggestions,
  rejectSeveral,
} from './new-claims.effects';
import { initialSuggestionsState } from './suggestions.feature';
import { scoredFixture, suggestionFixture } from './suggestions.feature.spec';

describe('new claims effects', () => {
  let actions$: Observable<Action>;
  let api: jasmine.SpyObj<NewClaimsApi>;
  const draft = {
    start: 40,
    end: 90,
    statement: 'Trade rose 9% in 2023.',
    kind: 'figure' as const,
  };

  beforeEach(() => {
    api = jasmine.createSpyObj<NewClaimsApi>('NewClaimsApi', [
      'suggestions',
      'accept',
      'reject',
      'create',
    ]);
    TestBed.configureTestingModule({
      providers: [
        provideMockActions(() => actions$),
        provideMockStore({
          initialState: { suggestions: { ...initialSuggestionsState, articleId: 'a1' } },
        }),
        { provide: NewClaimsApi, useValue: api },
        { provide: MatSnackBar, useValue: jasmine.createSpyObj('MatSnackBar', ['open']) },
      ],
    });
  });

  const all = (effect: () => Observable<Action>) =>
    TestBed.runInInjectionContext(() => firstValueFrom(effect().pipe(toArray())));

  it('accepting a suggestion reports the decision and the new claim', async () => {
    const suggestion = listed('a1', suggestionFixture());
    const claim = claimFixture({ id: 'c9', start: 40, end: 90 });
    api.accept.and.returnValue(
      of({ suggestion: suggestionFixture({ status: 'accepted', claimId: 'c9' }), claim }),
    );
    actions$ = of(NewClaimsPageActions.suggestionAccepted({ suggestion, draft }));
    expect(await all(acceptSuggestion)).toEqual([
      NewClaimsApiActions.suggestionDecided({
        suggestion: suggestionFixture({ status: 'accepted', claimId: 'c9' }),
      }),
      NewClaimsApiActions.claimCreated({ claim }),
    ]);
    expect(api.accept).toHaveBeenCalledWith({ articleId: 'a1', id: 's1' }, draft);
  });

  it("a refused accept keeps the suggestion and says the server's reason", async () => {
    api.accept.and.returnValue(
      throwError(
        () =>
          new HttpErrorResponse({
            status: 409,
            error: {
              title: 'Conflict',
              status: 409,
              detail: 'This suggestion was already accepted.',
            },
          }),
      ),
    );
    actions$ = of(
      NewClaimsPageActions.suggestionAccepted({
        suggestion: listed('a1', suggestionFixture()),
        draft,
      }),
    );
    expect(await all(acceptSuggestion)).toEqual([
      NewClaimsApiActions.decisionFailed({
        suggestionId: 's1',
        error: 'This suggestion was already accepted.',
      }),
    ]);
  });

  it('reloads suggestions when someone decides one in the open article only', async () => {
    api.suggestions.and.returnValue(of([suggestionFixture()]));
    actions$ = of(
      LiveActions.suggestionsChanged({ articleId: 'other' }),
      LiveActions.suggestionsChanged({ articleId: 'a1' }),
    );
    expect(await all(loadSuggestions)).toEqual([
      NewClaimsApiActions.suggestionsLoaded({
        articleId: 'a1',
        suggestions: [suggestionFixture()],
      }),
    ]);
    // At the default sensitivity: the stored suggestions, as ever.
    expect(api.suggestions).toHaveBeenCalledOnceWith('a1', null);
  });

  it('creates a claim from selected words', async () => {
    const claim = claimFixture({ id: 'c10' });
    api.create.and.returnValue(of(claim));
    actions$ = of(NewClaimsPageActions.selectionClaimed({ articleId: 'a1', draft }));
    expect(await all(claimSelection)).toEqual([NewClaimsApiActions.claimCreated({ claim })]);
    expect(api.create).toHaveBeenCalledWith('a1', draft);
  });

  it('accepts a sentence the server has not stored by claiming its words', async () => {
    const claim = claimFixture({ id: 'c11', start: 100, end: 140 });
    api.create.and.returnValue(of(claim));
    actions$ = of(
      NewClaimsPageActions.suggestionAccepted({ suggestion: listed('a1', scoredFixture()), draft }),
    );
    expect(await all(acceptSuggestion)).toEqual([
      NewClaimsApiActions.sentenceClaimed({ key: '100-140', claim }),
      NewClaimsApiActions.claimCreated({ claim }),
    ]);
    expect(api.create).toHaveBeenCalledOnceWith('a1', draft);
    expect(api.accept).not.toHaveBeenCalled();
  });

  it('opens an article at the sensitivity the editor chose', async () => {
    TestBed.inject(MockStore).setState({
      suggestions: { ...initialSuggestionsState, articleId: 'a1', sensitivity: 'more' },
    });
    api.suggestions.and.returnValue(of([]));
    actions$ = of(WorkspacePageActions.opened({ articleId: 'a2' }));
    await all(loadSuggestions);
    expect(api.suggestions).toHaveBeenCalledOnceWith('a2', 0.3);
  });

  it('rejects several, and says how many were and why the others were not', async () => {
    const one = listed('a1', suggestionFixture({ id: 's1' }));
    const two = listed('a1', suggestionFixture({ id: 's2', start: 100, end: 120 }));
    api.reject.and.returnValues(
      of(suggestionFixture({ id: 's1', status: 'rejected' })),
      throwError(
        () =>
          new HttpErrorResponse({
            status: 409,
            error: { title: 'Conflict', status: 409, detail: 'Already accepted.' },
          }),
      ),
    );
    actions$ = of(NewClaimsPageActions.severalRejected({ suggestions: [one, two] }));
    expect(await all(rejectSeveral)).toEqual([
      NewClaimsApiActions.suggestionDecided({
        suggestion: suggestionFixture({ id: 's1', status: 'rejected' }),
      }),
      NewClaimsApiActions.decisionFailed({ suggestionId: 's2', error: 'Already accepted.' }),
      NewClaimsApiActions.severalDecided({
        decision: 'rejected',
        keys: ['s1', 's2'],
        done: 1,
        errors: ['Already accepted.'],
      }),
    ]);
  });

  describe('timing', () => {
    let scheduler: TestScheduler;
    beforeEach(() => {
      scheduler = new TestScheduler((actual, expected) => expect(actual).toEqual(expected));
    });

    it('reloads with minScore only once the sensitivity control rests', () => {
      scheduler.run(({ hot, cold, expectObservable, flush }) => {
        const sentences = [scoredFixture()];
        actions$ = hot('a 100ms b 400ms c', {
          a: NewClaimsPageActions.sensitivityChanged({ sensitivity: 'more' }),
          b: NewClaimsPageActions.sensitivityChanged({ sensitivity: 'everything' }),
          c: NewClaimsPageActions.sensitivityChanged({ sensitivity: 'default' }),
        });
        api.suggestions.and.returnValue(cold('20ms r|', { r: sentences }));
        // b rests 300ms (frame 401) and answers 20ms later; a never rests; c likewise.
        expectObservable(TestBed.runInInjectionContext(() => loadSuggestions())).toBe(
          '421ms x 400ms x',
          { x: NewClaimsApiActions.suggestionsLoaded({ articleId: 'a1', suggestions: sentences }) },
        );
        flush();
        expect(api.suggestions.calls.allArgs()).toEqual([
          ['a1', 0],
          ['a1', null],
        ]);
      });
    });

    it('accepts several one after another, then says what they came to', () => {
      scheduler.run(({ hot, cold, expectObservable }) => {
        const stored = listed('a1', suggestionFixture());
        const sentence = listed('a1', scoredFixture());
        const accepted = suggestionFixture({ status: 'accepted', claimId: 'c1' });
        const claim1 = claimFixture({ id: 'c1' });
        const claim2 = claimFixture({ id: 'c2' });
        api.accept.and.returnValue(
          cold('10ms (r|)', { r: { suggestion: accepted, claim: claim1 } }),
        );
        // Only asked once the first has answered.
        api.create.and.returnValue(cold('10ms (c|)', { c: claim2 }));
        actions$ = hot('a', {
          a: NewClaimsPageActions.severalAccepted({
            acceptances: [
              { suggestion: stored, draft },
              { suggestion: sentence, draft: { ...draft, start: 100, end: 140 } },
            ],
          }),
        });
        expectObservable(TestBed.runInInjectionContext(() => acceptSeveral())).toBe(
          '10ms (ab) 6ms (cde)',
          {
            a: NewClaimsApiActions.suggestionDecided({ suggestion: accepted }),
            b: NewClaimsApiActions.claimCreated({ claim: claim1 }),
            c: NewClaimsApiActions.sentenceClaimed({ key: '100-140', claim: claim2 }),
            d: NewClaimsApiActions.claimCreated({ claim: claim2 }),
            e: NewClaimsApiActions.severalDecided({
              decision: 'accepted',
              keys: ['s1', '100-140'],
              done: 2,
              errors: [],
            }),
          },
        );
      });
    });
  });
});
