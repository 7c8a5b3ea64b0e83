import { BulkOp } from '../../../domain/desk';
import { SessionApiActions } from '../../session/state/session.actions';
import { done, refused } from '../fixtures.spec';
import { BulkApiActions, BulkBarActions, BulkSnackActions } from './bulk.actions';
import { BulkState, bulkFeature, initialBulkState } from './bulk.feature';

const { reducer } = bulkFeature;
const op: BulkOp = { type: 'assign', assignee: 'casey' };
const labels = [{ id: '1', label: '“One”' }];

const requested = (requestId = 'r1', state: BulkState = initialBulkState) =>
  reducer(
    state,
    BulkBarActions.batchRequested({ requestId, request: { ids: ['1', '2'], op }, labels }),
  );

const applied = (state: BulkState) =>
  reducer(
    state,
    BulkApiActions.batchApplied({
      requestId: 'r1',
      batchId: 'b1',
      op,
      results: [done('1'), refused('2', 'Already approved.')],
      labels,
    }),
  );

describe('bulk feature', () => {
  it('holds the batch in flight, and is busy while it is', () => {
    const state = requested();
    expect(state.inFlight).toEqual({ requestId: 'r1', op, count: 2 });
    expect(bulkFeature.selectBusy.projector(state.inFlight, state.lastOutcome)).toBeTrue();
  });

  it('ignores a second batch while one is in flight, as the effect does', () => {
    const first = requested('r1');
    expect(requested('r2', first)).toBe(first);
  });

  it('keeps the answered batch as the last outcome and forgets an earlier failure', () => {
    const failed = reducer(
      requested(),
      BulkApiActions.batchFailed({ requestId: 'r1', op, error: 'The server answered 500.' }),
    );
    expect(failed.inFlight).toBeNull();
    expect(failed.failure).toEqual({
      requestId: 'r1',
      batchId: null,
      error: 'The server answered 500.',
    });
    const state = applied(requested('r1', failed));
    expect(state.inFlight).toBeNull();
    expect(state.failure).toBeNull();
    expect(state.lastOutcome).toEqual({
      requestId: 'r1',
      batchId: 'b1',
      op,
      results: [done('1'), refused('2', 'Already approved.')],
      undo: null,
    });
  });

  it('follows the undo of the last batch: pending, then its results, or its failure', () => {
    const undoing = reducer(
      applied(requested()),
      BulkSnackActions.undoClicked({ batchId: 'b1', labels }),
    );
    expect(undoing.lastOutcome?.undo).toBe('pending');
    expect(bulkFeature.selectBusy.projector(undoing.inFlight, undoing.lastOutcome)).toBeTrue();

    const undone = reducer(
      undoing,
      BulkApiActions.undoApplied({ batchId: 'b1', results: [done('1')], labels }),
    );
    expect(undone.lastOutcome?.undo).toEqual([done('1')]);
    expect(bulkFeature.selectBusy.projector(undone.inFlight, undone.lastOutcome)).toBeFalse();

    const failed = reducer(
      undoing,
      BulkApiActions.undoFailed({ batchId: 'b1', error: 'The server cannot be reached.' }),
    );
    expect(failed.lastOutcome?.undo).toBeNull();
    expect(failed.failure).toEqual({
      requestId: null,
      batchId: 'b1',
      error: 'The server cannot be reached.',
    });
  });

  it('leaves the last outcome alone for the undo of another batch', () => {
    const state = applied(requested());
    const other = reducer(state, BulkSnackActions.undoClicked({ batchId: 'b0', labels }));
    expect(other.lastOutcome).toBe(state.lastOutcome);
  });

  it('forgets everything on signing out', () => {
    expect(reducer(applied(requested()), SessionApiActions.signedOut())).toEqual(initialBulkState);
  });
});
