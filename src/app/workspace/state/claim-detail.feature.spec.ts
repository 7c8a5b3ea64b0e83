import { ClaimDetail } from '../../../domain/claim';
import { findingOf } from '../claim-panel/finding-draft';
import {
  ClaimDetailLiveActions,
  ClaimDetailPageActions,
  ClaimsApiActions,
} from './claim-detail.actions';
import { claimDetailFeature, initialClaimDetailState } from './claim-detail.feature';
import { claimFixture } from './claims.feature.spec';

const { reducer } = claimDetailFeature;
const opened = reducer(initialClaimDetailState, ClaimDetailPageActions.opened({ claimId: 'c1' }));

describe('claim detail reducer', () => {
  it('holds the open claim’s unsaved changes, and forgets them for another claim', () => {
    const claim = claimFixture();
    const base = { version: claim.version, finding: findingOf(claim) };
    const typed = ClaimDetailPageActions.draftChanged({
      claimId: 'c1',
      base,
      mine: { rationale: 'Typed' },
    });
    let state = reducer(opened, typed);
    expect(state.draft).toEqual({ claimId: 'c1', base, mine: { rationale: 'Typed' } });
    expect(reducer(state, ClaimDetailPageActions.opened({ claimId: 'c1' })).draft).toEqual(
      state.draft,
    );
    expect(reducer(state, ClaimDetailPageActions.opened({ claimId: 'c2' })).draft).toBeNull();
    expect(
      reducer(opened, ClaimDetailPageActions.draftChanged({ claimId: 'c2', base, mine: {} })).draft,
    ).toBeNull();
    state = reducer(state, ClaimDetailPageActions.draftChanged({ claimId: 'c1', base, mine: {} }));
    expect(state.draft).toBeNull();
  });

  it('opens the choice between versions when someone else saved over unsaved changes', () => {
    const theirs = claimFixture({ rationale: 'Theirs', version: 4, updatedBy: 'dana' });
    const base = findingOf(claimFixture());
    const state = reducer(
      opened,
      ClaimDetailLiveActions.editedElsewhere({ mine: { rationale: 'Mine' }, theirs, base }),
    );
    expect(state.conflict).toEqual({ mine: { rationale: 'Mine' }, theirs, base });
    expect(reducer(state, ClaimDetailPageActions.conflictTookTheirs()).conflict).toBeNull();
  });

  it('follows a note request from sent to saved or failed', () => {
    let state = reducer(opened, ClaimDetailPageActions.noteAdded({ claimId: 'c1', text: 'Hi' }));
    expect(state.changes).toEqual({ note: 'pending' });
    state = reducer(
      state,
      ClaimsApiActions.changeFailed({ claimId: 'c1', key: 'note', error: 'x' }),
    );
    expect(state.changes).toEqual({ note: 'failed' });
    state = reducer(state, ClaimDetailPageActions.noteAdded({ claimId: 'c1', text: 'Hi' }));
    state = reducer(state, ClaimsApiActions.changeSaved({ claimId: 'c1', key: 'note' }));
    expect(state.changes).toEqual({ note: 'saved' });
    state = reducer(
      state,
      ClaimDetailPageActions.evidenceRemoved({ claimId: 'c1', evidenceId: 'e1' }),
    );
    expect(state.changes['evidence-removal:e1']).toBe('pending');
    expect(reducer(state, ClaimDetailPageActions.opened({ claimId: 'c2' })).changes).toEqual({});
  });

  it('says when the claim does not exist, and forgets it once it loads', () => {
    const failed = reducer(
      opened,
      ClaimsApiActions.detailFailed({
        claimId: 'c1',
        error: 'Claim c1 does not exist.',
        missing: true,
      }),
    );
    expect(failed).toEqual(
      jasmine.objectContaining({
        loading: false,
        missing: true,
        error: 'Claim c1 does not exist.',
      }),
    );
    const detail = { ...claimFixture(), evidence: [], notes: [] } as ClaimDetail;
    const loaded = reducer(failed, ClaimsApiActions.detailLoaded({ claim: detail, history: [] }));
    expect(loaded).toEqual(jasmine.objectContaining({ missing: false, error: null }));
  });

  it('keeps where the edit started for a conflict, and clears it on a choice', () => {
    const base = findingOf(claimFixture());
    const theirs = claimFixture({ verdict: 'true', version: 5 });
    let state = reducer(
      opened,
      ClaimsApiActions.claimConflict({ mine: { rationale: 'Mine' }, theirs, base }),
    );
    expect(state.conflict).toEqual({ mine: { rationale: 'Mine' }, theirs, base });
    const newer = claimFixture({ verdict: 'true', version: 6 });
    state = reducer(
      state,
      ClaimsApiActions.claimConflict({ mine: { rationale: 'Mine' }, theirs: newer }),
    );
    expect(state.conflict?.base).toEqual(base);
    state = reducer(state, ClaimDetailPageActions.conflictTookTheirs());
    expect(state.conflict).toBeNull();
  });
});
