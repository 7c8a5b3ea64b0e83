import { findingOf } from '../claim-panel/finding-draft';
import { FindingDraft } from './claim-detail.feature';
import { claimFixture } from './claims.feature.spec';
import { changedUnderDraft } from './edited-elsewhere';

describe('changedUnderDraft', () => {
  const start = claimFixture({ rationale: 'Old', verdict: 'mixed' });
  const draft: FindingDraft = {
    claimId: start.id,
    base: { version: start.version, finding: findingOf(start) },
    mine: { rationale: 'Mine' },
  };

  it('is news when someone else changed the field typed in, or another one', () => {
    expect(changedUnderDraft(draft, { ...start, version: 4, rationale: 'Theirs' })).toBeTrue();
    expect(changedUnderDraft(draft, { ...start, version: 4, verdict: 'false' })).toBeTrue();
  });

  it('is no news when the finding stayed as it was, or became what was typed', () => {
    expect(changedUnderDraft(draft, { ...start, version: 4, evidenceCount: 2 })).toBeFalse();
    expect(changedUnderDraft(draft, { ...start, version: 4, rationale: 'Mine' })).toBeFalse();
  });

  it('ignores versions already seen and other claims', () => {
    expect(changedUnderDraft(draft, { ...start, rationale: 'Theirs' })).toBeFalse();
    expect(
      changedUnderDraft(draft, { ...start, id: 'c2', version: 9, rationale: 'Theirs' }),
    ).toBeFalse();
  });
});
