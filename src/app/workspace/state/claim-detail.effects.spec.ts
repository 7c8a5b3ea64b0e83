import { HttpErrorResponse } from '@angular/common/http';
import { TestBed } from '@angular/core/testing';
import { MatSnackBar } from '@angular/material/snack-bar';
import { provideMockActions } from '@ngrx/effects/testing';
import { Action } from '@ngrx/store';
import { provideMockStore } from '@ngrx/store/testing';
import { firstValueFrom, Observable, of, throwError } from 'rxjs';
import { ClaimsApi } from '../claims-api';
import { ClaimDetailPageActions, ClaimsApiActions } from './claim-detail.actions';
import { saveFields, takeAction } from './claim-detail.effects';
import { claimFixture } from './claims.feature.spec';

describe('claim detail effects', () => {
  let actions$: Observable<Action>;
  let api: jasmine.SpyObj<ClaimsApi>;

  beforeEach(() => {
    api = jasmine.createSpyObj<ClaimsApi>('ClaimsApi', ['patch', 'transition']);
    TestBed.configureTestingModule({
      providers: [
        provideMockActions(() => actions$),
        provideMockStore(),
        { provide: ClaimsApi, useValue: api },
        { provide: MatSnackBar, useValue: jasmine.createSpyObj('MatSnackBar', ['open']) },
      ],
    });
  });

  const run = (effect: typeof saveFields) =>
    TestBed.runInInjectionContext(() => firstValueFrom(effect()));

  it('sends an edit with the version it was made on', async () => {
    const previous = claimFixture();
    api.patch.and.returnValue(of(claimFixture({ rationale: 'New', version: 4 })));
    actions$ = of(ClaimDetailPageActions.fieldsSaved({ previous, patch: { rationale: 'New' } }));
    const result = await run(saveFields);
    expect(api.patch).toHaveBeenCalledWith('c1', 3, { rationale: 'New' });
    expect(result).toEqual(
      ClaimsApiActions.claimSaved({
        claim: claimFixture({ rationale: 'New', version: 4 }),
        message: 'Saved',
      }),
    );
  });

  it('turns a 412 into a conflict that keeps what was typed', async () => {
    const previous = claimFixture();
    const theirs = claimFixture({ rationale: 'Theirs', version: 5 });
    api.patch.and.returnValue(
      throwError(
        () =>
          new HttpErrorResponse({
            status: 412,
            error: { title: 'Precondition failed', status: 412, current: theirs },
          }),
      ),
    );
    actions$ = of(ClaimDetailPageActions.fieldsSaved({ previous, patch: { rationale: 'Mine' } }));
    expect(await run(saveFields)).toEqual(
      ClaimsApiActions.claimConflict({ mine: { rationale: 'Mine' }, theirs }),
    );
  });

  it('rolls back a refused action with the server’s reason', async () => {
    const previous = claimFixture({ stage: 'in_review' });
    api.transition.and.returnValue(
      throwError(
        () =>
          new HttpErrorResponse({
            status: 409,
            error: { title: 'Action refused', status: 409, detail: 'Only an editor can approve.' },
          }),
      ),
    );
    actions$ = of(ClaimDetailPageActions.actionTaken({ previous, request: { action: 'approve' } }));
    expect(await run(takeAction)).toEqual(
      ClaimsApiActions.claimSaveFailed({ restore: previous, error: 'Only an editor can approve.' }),
    );
  });
});
