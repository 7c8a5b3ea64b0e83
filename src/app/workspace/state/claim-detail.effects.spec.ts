import { HttpErrorResponse } from '@angular/common/http';
import { TestBed } from '@angular/core/testing';
import { MatSnackBar } from '@angular/material/snack-bar';
import { provideMockActions } from '@ngrx/effects/testing';
import { Action } from '@ngrx/store';
import { MockStore, provideMockStore } from '@ngrx/store/testing';
import { firstValueFrom, Observable, of, Subject, throwError } from 'rxjs';
import { ClaimSummary, Evidence } from '../../../domain/claim';
import { ClaimsApi } from '../claims-api';
import { findingOf } from '../claim-panel/finding-draft';
import { ClaimDetailPageActions, ClaimsApiActions } from './claim-detail.actions';
import {
  changeEvidenceAndNotes,
  loadDetail,
  tellWhatHappened,
  writeClaim,
} from './claim-detail.effects';
import { claimFixture } from './claims.feature.spec';
import { claimsFeature } from './claims.feature';

const preconditionFailed = (current: ClaimSummary) =>
  new HttpErrorResponse({
    status: 412,
    error: { title: 'Precondition failed', status: 412, current },
  });

describe('claim detail effects', () => {
  let actions$: Observable<Action>;
  let api: jasmine.SpyObj<ClaimsApi>;
  let snackBar: jasmine.SpyObj<MatSnackBar>;

  beforeEach(() => {
    api = jasmine.createSpyObj<ClaimsApi>('ClaimsApi', [
      'get',
      'history',
      'patch',
      'transition',
      'addNote',
      'addEvidence',
    ]);
    snackBar = jasmine.createSpyObj<MatSnackBar>('MatSnackBar', ['open']);
    TestBed.configureTestingModule({
      providers: [
        provideMockActions(() => actions$),
        provideMockStore({
          selectors: [{ selector: claimsFeature.selectEntities, value: {} }],
        }),
        { provide: ClaimsApi, useValue: api },
        { provide: MatSnackBar, useValue: snackBar },
      ],
    });
  });
  afterEach(() => TestBed.inject(MockStore).resetSelectors());

  const run = (effect: typeof writeClaim) =>
    TestBed.runInInjectionContext(() => firstValueFrom(effect()));
  /** Every action the effect emits, as they come. */
  const collect = (effect: typeof writeClaim) => {
    const emitted: Action[] = [];
    TestBed.runInInjectionContext(() => effect()).subscribe((action) => emitted.push(action));
    return emitted;
  };

  it('sends an edit with the version it was made on', async () => {
    const previous = claimFixture();
    api.patch.and.returnValue(of(claimFixture({ rationale: 'New', version: 4 })));
    actions$ = of(ClaimDetailPageActions.fieldsSaved({ previous, patch: { rationale: 'New' } }));
    const result = await run(writeClaim);
    expect(api.patch).toHaveBeenCalledWith('c1', 3, { rationale: 'New' });
    expect(result).toEqual(
      ClaimsApiActions.claimSaved({
        claim: claimFixture({ rationale: 'New', version: 4 }),
        message: 'Saved',
      }),
    );
  });

  it('sends a second quick save on the version the first one returned, after it', () => {
    const previous = claimFixture();
    const answers: Subject<ClaimSummary>[] = [];
    api.patch.and.callFake(() => {
      answers.push(new Subject<ClaimSummary>());
      return answers[answers.length - 1];
    });
    const base = { version: 3, finding: findingOf(previous) };
    const saves = new Subject<Action>();
    actions$ = saves;
    const emitted = collect(writeClaim);

    saves.next(ClaimDetailPageActions.fieldsSaved({ previous, patch: { rationale: 'A' }, base }));
    saves.next(ClaimDetailPageActions.fieldsSaved({ previous, patch: { verdict: 'false' }, base }));
    expect(api.patch).toHaveBeenCalledTimes(1);

    answers[0].next(claimFixture({ rationale: 'A', version: 4, updatedBy: 'dana' }));
    answers[0].complete();
    expect(api.patch).toHaveBeenCalledTimes(2);
    expect(api.patch.calls.mostRecent().args).toEqual(['c1', 4, { verdict: 'false' }]);

    // And a workflow action right after follows both.
    saves.next(ClaimDetailPageActions.actionTaken({ previous, request: { action: 'submit' } }));
    api.transition.and.returnValue(of(claimFixture({ stage: 'in_review', version: 6 })));
    answers[1].next(claimFixture({ rationale: 'A', verdict: 'false', version: 5 }));
    answers[1].complete();
    expect(api.transition).toHaveBeenCalledWith('c1', 5, { action: 'submit' });
    expect(emitted.map((action) => action.type)).toEqual([
      ClaimsApiActions.claimSaved.type,
      ClaimsApiActions.claimSaved.type,
      ClaimsApiActions.claimSaved.type,
    ]);
  });

  it('turns a 412 into a conflict that keeps what was typed and where it started', async () => {
    const previous = claimFixture();
    const theirs = claimFixture({ verdict: 'mostly_true', version: 5 });
    api.patch.and.returnValue(throwError(() => preconditionFailed(theirs)));
    const base = { version: 3, finding: findingOf(previous) };
    actions$ = of(
      ClaimDetailPageActions.fieldsSaved({ previous, patch: { rationale: 'Mine' }, base }),
    );
    expect(await run(writeClaim)).toEqual(
      ClaimsApiActions.claimConflict({
        mine: { rationale: 'Mine' },
        theirs,
        base: findingOf(previous),
      }),
    );
  });

  it('keeps mine by sending only the typed fields on the newest version', async () => {
    const theirs = claimFixture({ verdict: 'mostly_true', version: 5 });
    api.patch.and.returnValue(
      of(claimFixture({ verdict: 'mostly_true', rationale: 'Mine', version: 6 })),
    );
    actions$ = of(ClaimDetailPageActions.conflictKeptMine({ mine: { rationale: 'Mine' }, theirs }));
    expect(await run(writeClaim)).toEqual(
      jasmine.objectContaining({ message: 'Your version was saved' }),
    );
    expect(api.patch).toHaveBeenCalledWith('c1', 5, { rationale: 'Mine' });
  });

  it('rolls back a refused action with the server’s reason, and says so', async () => {
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
    const failed = await run(writeClaim);
    expect(failed).toEqual(
      ClaimsApiActions.claimSaveFailed({ restore: previous, error: 'Only an editor can approve.' }),
    );
    actions$ = of(failed);
    await TestBed.runInInjectionContext(() => firstValueFrom(tellWhatHappened()));
    expect(snackBar.open).toHaveBeenCalledWith(
      'Only an editor can approve. Your change was undone.',
      'Close',
      { duration: 8000 },
    );
  });

  it('rolls a failed edit back to a newer claim that arrived live meanwhile, not an older one', async () => {
    const previous = claimFixture();
    const live = claimFixture({ verdict: 'true', version: 4, updatedBy: 'dana' });
    TestBed.inject(MockStore).overrideSelector(claimsFeature.selectEntities, { c1: live });
    api.patch.and.returnValue(
      throwError(() => new HttpErrorResponse({ status: 500, statusText: 'Server Error' })),
    );
    actions$ = of(ClaimDetailPageActions.fieldsSaved({ previous, patch: { rationale: 'x' } }));
    expect(await run(writeClaim)).toEqual(
      jasmine.objectContaining({ type: ClaimsApiActions.claimSaveFailed.type, restore: live }),
    );
  });

  it('reports a note and evidence request by its key, so that the form keeps its text on failure', async () => {
    api.addNote.and.returnValue(
      throwError(() => new HttpErrorResponse({ status: 500, statusText: 'Server Error' })),
    );
    actions$ = of(ClaimDetailPageActions.noteAdded({ claimId: 'c1', text: 'Hello' }));
    const failed = await run(changeEvidenceAndNotes);
    expect(failed).toEqual(
      ClaimsApiActions.changeFailed({
        claimId: 'c1',
        key: 'note',
        error: 'The server answered 500 Server Error.',
      }),
    );
    actions$ = of(failed);
    await TestBed.runInInjectionContext(() => firstValueFrom(tellWhatHappened()));
    expect(snackBar.open).toHaveBeenCalledWith(
      'Your note was not added: The server answered 500 Server Error.',
      'Close',
      { duration: 8000 },
    );
    api.addEvidence.and.returnValue(of({ id: 'e1', claimId: 'c1' } as Evidence));
    actions$ = of(
      ClaimDetailPageActions.evidenceAdded({
        claimId: 'c1',
        draft: { url: 'https://x.org', title: 'X', stance: 'supports', sourceType: 'primary' },
      }),
    );
    expect(await run(changeEvidenceAndNotes)).toEqual(
      ClaimsApiActions.changeSaved({ claimId: 'c1', key: 'evidence' }),
    );
  });

  it('says when a claim does not exist', async () => {
    api.get.and.returnValue(
      throwError(
        () =>
          new HttpErrorResponse({
            status: 404,
            error: { title: 'Not found', status: 404, detail: 'Claim c9 does not exist.' },
          }),
      ),
    );
    api.history.and.returnValue(of([]));
    actions$ = of(ClaimDetailPageActions.opened({ claimId: 'c9' }));
    expect(await run(loadDetail)).toEqual(
      ClaimsApiActions.detailFailed({
        claimId: 'c9',
        error: 'Claim c9 does not exist.',
        missing: true,
      }),
    );
  });
});
