import { changedFields, describeValue, findingOf, rebase } from './finding-draft';
import { claimFixture } from './state/claims.feature.spec';

describe('finding draft', () => {
  const base = { version: 3, finding: findingOf(claimFixture({ rationale: 'Old' })) };

  it('sends only the fields changed from where the edit started', () => {
    const typed = { ...base.finding, rationale: 'Mine' };
    expect(changedFields(base.finding, typed)).toEqual({ rationale: 'Mine' });
    expect(changedFields(base.finding, typed, (field) => field !== 'rationale')).toEqual({});
  });

  it('moves onto a newer claim when someone changed only fields left untouched', () => {
    const typed = { ...base.finding, rationale: 'Mine' };
    const theirs = claimFixture({ rationale: 'Old', verdict: 'mostly_true', version: 4 });
    const next = rebase(base, typed, theirs);
    expect(next.version).toBe(4);
    expect(next.finding.verdict).toBe('mostly_true');
    expect(changedFields(next.finding, { ...typed, verdict: 'mostly_true' })).toEqual({
      rationale: 'Mine',
    });
  });

  it('keeps the old version when someone changed a field that was typed in too', () => {
    const typed = { ...base.finding, rationale: 'Mine' };
    const theirs = claimFixture({ rationale: 'Theirs', version: 4 });
    expect(rebase(base, typed, theirs)).toEqual(base);
  });

  it('counts a field as saved only once a newer version holds it', () => {
    const typed = { ...base.finding, rationale: 'Mine' };
    const optimistic = claimFixture({ rationale: 'Mine', version: 3 });
    expect(rebase(base, typed, optimistic).finding.rationale).toBe('Old');
    const saved = claimFixture({ rationale: 'Mine', version: 4 });
    expect(rebase(base, typed, saved)).toEqual({ version: 4, finding: findingOf(saved) });
  });

  it('says values and fields in words', () => {
    const finding = findingOf(claimFixture({ verdict: 'mostly_true', kind: 'attribution' }));
    expect(describeValue('verdict', finding)).toBe('Mostly true');
    expect(describeValue('kind', finding)).toBe('Attribution / quote');
    expect(describeValue('assignee', { ...finding, assignee: null })).toBe('Nobody');
  });
});
