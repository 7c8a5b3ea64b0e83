import {
  changedFields,
  describeValue,
  findingOf,
  fromFormValue,
  FINDING_FIELDS,
  FindingField,
  fromLocalDateTime,
  lockedReasons,
  rebase,
  toFormValue,
  toLocalDateTime,
} from './finding-draft';
import { Decision } from '../../../domain/workflow';
import { claimFixture } from '../state/claims.feature.spec';

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

  it('reads and writes the due time in the browser’s time zone, to the minute', () => {
    const local = new Date(2026, 11, 9, 17, 30);
    expect(toLocalDateTime(local.toISOString())).toBe('2026-12-09T17:30');
    expect(fromLocalDateTime('2026-12-09T17:30')).toBe(local.toISOString());
    expect(fromLocalDateTime('')).toBeNull();
    expect(toLocalDateTime(null)).toBe('');
  });

  it('counts a due time with seconds, or spelled another way, as unchanged once shown', () => {
    const claim = claimFixture({ dueAt: '2026-12-09T17:30:42+00:00' });
    const shown = fromFormValue(toFormValue(findingOf(claim)));
    expect(changedFields(findingOf(claim), shown)).toEqual({});
    expect(findingOf(claim).dueAt).toBe('2026-12-09T17:30:00.000Z');
  });

  it('stores empty claimant, claim date and summary as none, trimmed text as typed', () => {
    const typed = fromFormValue({
      ...toFormValue(base.finding),
      claimant: '  ',
      claimDate: '',
      summary: ' Five million shells. ',
    });
    expect(typed.claimant).toBeNull();
    expect(typed.claimDate).toBeNull();
    expect(typed.summary).toBe('Five million shells.');
  });

  it('follows a new claimant someone else saved while a summary was typed', () => {
    const typed = { ...base.finding, summary: 'Mine' };
    const theirs = claimFixture({ rationale: 'Old', claimant: 'Kim Jong Un', version: 4 });
    const next = rebase(base, typed, theirs);
    expect(next.version).toBe(4);
    expect(changedFields(next.finding, { ...typed, claimant: 'Kim Jong Un' })).toEqual({
      summary: 'Mine',
    });
  });

  it('says the new fields in words', () => {
    const finding = findingOf(claimFixture({ claimantType: 'Organization', claimDate: null }));
    expect(describeValue('claimantType', finding)).toBe('Organisation');
    expect(describeValue('claimant', finding)).toBe('Not said yet');
    expect(describeValue('summary', finding)).toBe('No summary');
    expect(describeValue('dueAt', finding)).toBe('No due date');
    expect(describeValue('claimDate', { ...finding, claimDate: '2026-11-20' })).toContain('2026');
  });

  it('says a reason that locks every field once, and different reasons field by field', () => {
    const refuse = (message: string): Decision => ({
      allowed: false,
      refusal: { code: 'archived', message },
    });
    const all = (decide: (field: FindingField) => Decision) =>
      Object.fromEntries(FINDING_FIELDS.map((field) => [field, decide(field)])) as Record<
        FindingField,
        Decision
      >;
    const archived = lockedReasons(all(() => refuse('Archived.')));
    expect(archived.all).toBe('Archived.');
    expect(Object.values(archived.byField).every((reason) => reason === null)).toBeTrue();
    const mixed = lockedReasons(
      all((field) => (field === 'dueAt' ? refuse('Only an editor.') : { allowed: true })),
    );
    expect(mixed.all).toBeNull();
    expect(mixed.byField.dueAt).toBe('Only an editor.');
    expect(mixed.byField.summary).toBeNull();
  });
});
