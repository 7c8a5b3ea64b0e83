import { HttpErrorResponse } from '@angular/common/http';
import { TestBed } from '@angular/core/testing';
import { MatSnackBar, MatSnackBarRef } from '@angular/material/snack-bar';
import { provideMockActions } from '@ngrx/effects/testing';
import { Action } from '@ngrx/store';
import { Observable, Subject } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { BulkOp, BulkResponse } from '../../../domain/desk';
import { BulkApi } from '../bulk-api';
import { done, refused } from '../fixtures.spec';
import { OUTCOME_SNACK_MS, OutcomeSnack, OutcomeSnackData } from '../outcome-snack';
import { BulkApiActions, BulkBarActions, BulkSnackActions } from './bulk.actions';
import { applyBatch, tellBatchOutcome, tellUndoOutcome, undoBatch } from './bulk.effects';

const op: BulkOp = { type: 'assign', assignee: 'casey' };
const labels = [
  { id: '1', label: '“One”' },
  { id: '2', label: '“Two”' },
];
const request = (requestId: string) =>
  BulkBarActions.batchRequested({ requestId, request: { ids: ['1', '2'], op }, labels });
const answer: BulkResponse = {
  batchId: 'b1',
  results: [done('1'), refused('2', 'Already approved.')],
};
const applied = (requestId: string) =>
  BulkApiActions.batchApplied({ requestId, batchId: 'b1', op, results: answer.results, labels });
const offline = new HttpErrorResponse({ status: 0 });
const OFFLINE_WORDS = 'The server cannot be reached. Check your connection and try again.';

describe('bulk effects', () => {
  let actions$: Observable<Action>;
  let api: jasmine.SpyObj<BulkApi>;
  let snackBar: jasmine.SpyObj<MatSnackBar>;
  let scheduler: TestScheduler;

  beforeEach(() => {
    api = jasmine.createSpyObj<BulkApi>('BulkApi', ['apply', 'undo']);
    snackBar = jasmine.createSpyObj<MatSnackBar>('MatSnackBar', ['open', 'openFromComponent']);
    scheduler = new TestScheduler((actual, expected) => expect(actual).toEqual(expected));
    TestBed.configureTestingModule({
      providers: [
        provideMockActions(() => actions$),
        { provide: BulkApi, useValue: api },
        { provide: MatSnackBar, useValue: snackBar },
      ],
    });
  });

  const run = (effect: () => Observable<unknown>) => TestBed.runInInjectionContext(effect);

  it('posts the batch and passes on the answer with what was asked', () => {
    scheduler.run(({ hot, cold, expectObservable }) => {
      actions$ = hot('-r', { r: request('r1') });
      api.apply.and.returnValue(cold('--x|', { x: answer }));
      expectObservable(run(applyBatch)).toBe('---a', { a: applied('r1') });
    });
    expect(api.apply).toHaveBeenCalledOnceWith({ ids: ['1', '2'], op });
  });

  it('ignores a second batch while the first is in flight, and takes one after it', () => {
    scheduler.run(({ hot, cold, expectObservable }) => {
      actions$ = hot('-r-s---t', { r: request('r1'), s: request('r2'), t: request('r3') });
      api.apply.and.returnValue(cold('---x|', { x: answer }));
      expectObservable(run(applyBatch)).toBe('----a-----c', {
        a: applied('r1'),
        c: applied('r3'),
      });
    });
    expect(api.apply).toHaveBeenCalledTimes(2);
  });

  it('says a failed batch in words and keeps listening', () => {
    scheduler.run(({ hot, cold, expectObservable }) => {
      actions$ = hot('-r---s', { r: request('r1'), s: request('r2') });
      api.apply.and.returnValues(cold('-#', undefined, offline), cold('-x|', { x: answer }));
      expectObservable(run(applyBatch)).toBe('--f---a', {
        f: BulkApiActions.batchFailed({ requestId: 'r1', op, error: OFFLINE_WORDS }),
        a: applied('r2'),
      });
    });
  });

  it('undoes once per batch while the undo is on its way, and says why it could not', () => {
    const click = BulkSnackActions.undoClicked({ batchId: 'b1', labels });
    scheduler.run(({ hot, cold, expectObservable }) => {
      actions$ = hot('-uu----u', { u: click });
      api.undo.and.returnValues(
        cold('---x|', { x: { batchId: 'b1', results: [done('1')] } }),
        cold('-#', undefined, offline),
      );
      expectObservable(run(undoBatch)).toBe('----a---f', {
        a: BulkApiActions.undoApplied({ batchId: 'b1', results: [done('1')], labels }),
        f: BulkApiActions.undoFailed({ batchId: 'b1', error: OFFLINE_WORDS }),
      });
    });
    expect(api.undo).toHaveBeenCalledWith('b1');
    expect(api.undo).toHaveBeenCalledTimes(2);
  });

  /** A snack bar whose Undo is clicked at the frames of `clicks`. */
  function snackWithUndo(onAction: Observable<void>) {
    return { onAction: () => onAction } as unknown as MatSnackBarRef<OutcomeSnack>;
  }

  it('says the outcome in words with Details and Undo; Undo undoes that batch', () => {
    scheduler.run(({ hot, cold, expectObservable }) => {
      actions$ = hot('-a', { a: applied('r1') });
      snackBar.openFromComponent.and.returnValue(snackWithUndo(cold('---u', { u: undefined })));
      expectObservable(run(tellBatchOutcome)).toBe('----u', {
        u: BulkSnackActions.undoClicked({ batchId: 'b1', labels }),
      });
    });
    const [component, config] = snackBar.openFromComponent.calls.mostRecent().args;
    expect(component).toBe(OutcomeSnack);
    expect(config?.data as OutcomeSnackData).toEqual({
      words: '1 assigned; 1 refused: Already approved',
      refused: [{ id: '2', label: '“Two”', reason: 'Already approved' }],
      detailsTitle: 'Claims not changed',
      undoable: true,
    });
    // Refusals stay until dismissed: the person needs time to read them.
    expect(config?.duration).toBeUndefined();
  });

  it('replaces an outcome by a newer one: the older Undo no longer counts', () => {
    const second = BulkApiActions.batchApplied({
      requestId: 'r2',
      batchId: 'b2',
      op,
      results: [done('1')],
      labels,
    });
    scheduler.run(({ hot, cold, expectObservable }) => {
      actions$ = hot('-a-b', { a: applied('r1'), b: second });
      snackBar.openFromComponent.and.returnValues(
        snackWithUndo(cold('----u', { u: undefined })),
        snackWithUndo(cold('--u', { u: undefined })),
      );
      expectObservable(run(tellBatchOutcome)).toBe('-----u', {
        u: BulkSnackActions.undoClicked({ batchId: 'b2', labels }),
      });
    });
    const config = snackBar.openFromComponent.calls.mostRecent().args[1];
    expect(config?.duration).toBe(OUTCOME_SNACK_MS);
  });

  it('offers no Undo when nothing was changed', () => {
    actions$ = new Subject<Action>();
    const sub = run(tellBatchOutcome).subscribe();
    snackBar.openFromComponent.and.returnValue(snackWithUndo(new Subject<void>()));
    (actions$ as Subject<Action>).next(
      BulkApiActions.batchApplied({
        requestId: 'r1',
        batchId: 'b1',
        op,
        results: [refused('1', 'Already approved.')],
        labels,
      }),
    );
    const data = snackBar.openFromComponent.calls.mostRecent().args[1]?.data as OutcomeSnackData;
    expect(data.words).toBe('0 assigned; 1 refused: Already approved');
    expect(data.undoable).toBeFalse();
    sub.unsubscribe();
  });

  it('says what the undo did, or that nothing was undone and why', () => {
    actions$ = new Subject<Action>();
    const sub = run(tellUndoOutcome).subscribe();
    const actions = actions$ as Subject<Action>;
    actions.next(
      BulkApiActions.undoApplied({
        batchId: 'b1',
        results: [done('1'), refused('2', 'Changed since the batch.')],
        labels,
      }),
    );
    const [, config] = snackBar.openFromComponent.calls.mostRecent().args;
    expect(config?.data as OutcomeSnackData).toEqual({
      words: 'Undone for 1; 1 left alone: Changed since the batch',
      refused: [{ id: '2', label: '“Two”', reason: 'Changed since the batch' }],
      detailsTitle: 'Claims left alone',
      undoable: false,
    });
    actions.next(
      BulkApiActions.undoFailed({ batchId: 'b1', error: 'The undo window has passed.' }),
    );
    expect(snackBar.open).toHaveBeenCalledOnceWith(
      'Nothing was undone: The undo window has passed.',
      'Close',
      { duration: 8000 },
    );
    sub.unsubscribe();
  });
});
