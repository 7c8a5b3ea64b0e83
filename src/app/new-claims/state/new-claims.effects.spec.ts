import { HttpErrorResponse } from '@angular/common/http';
import { TestBed } from '@angular/core/testing';
import { MatSnackBar } from '@angular/material/snack-bar';
import { provideMockActions } from '@ngrx/effects/testing';
import { Action } from '@ngrx/store';
import { provideMockStore } from '@ngrx/store/testing';
import { firstValueFrom, Observable, of, throwError, toArray } from 'rxjs';
import { claimFixture } from '../../workspace/state/claims.feature.spec';
import { LiveActions } from '../../shell/state/live.actions';
import { NewClaimsApi } from '../new-claims-api';
import { NewClaimsApiActions, NewClaimsPageActions } from './new-claims.actions';
import { acceptSuggestion, claimSelection, loadSuggestions } from './new-claims.effects';
import { initialSuggestionsState } from './suggestions.feature';
import { suggestionFixture } from './suggestions.feature.spec';

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
    const suggestion = suggestionFixture();
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
    expect(api.accept).toHaveBeenCalledWith(suggestion, draft);
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
      NewClaimsPageActions.suggestionAccepted({ suggestion: suggestionFixture(), draft }),
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
    expect(api.suggestions).toHaveBeenCalledOnceWith('a1');
  });

  it('creates a claim from selected words', async () => {
    const claim = claimFixture({ id: 'c10' });
    api.create.and.returnValue(of(claim));
    actions$ = of(NewClaimsPageActions.selectionClaimed({ articleId: 'a1', draft }));
    expect(await all(claimSelection)).toEqual([NewClaimsApiActions.claimCreated({ claim })]);
    expect(api.create).toHaveBeenCalledWith('a1', draft);
  });
});
