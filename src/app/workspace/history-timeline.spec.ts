import { TestBed } from '@angular/core/testing';
import { HistoryEntry } from '../../domain/claim';
import { describeEntry, HistoryTimeline } from './history-timeline';

const entry = (overrides: Partial<HistoryEntry>): HistoryEntry => ({
  id: 1,
  claimId: 'c1',
  at: '2026-11-28T14:02:00.000Z',
  actor: 'dana',
  action: 'approve',
  before: { stage: 'in_review' },
  after: { stage: 'approved', verdict: 'false' },
  note: null,
  correction: false,
  ...overrides,
});

describe('describeEntry', () => {
  it('says who approved and as what', () => {
    expect(describeEntry(entry({}))).toBe('dana approved the claim as False');
  });

  it('names the edited fields in words and the non-workflow changes', () => {
    expect(
      describeEntry(entry({ action: 'update', after: { verdict: 'true', rationale: 'x' } })),
    ).toBe('dana changed the verdict and rationale');
    expect(describeEntry(entry({ action: 'update', after: { assignee: 'robin' } }))).toBe(
      'dana changed the assignee',
    );
    expect(describeEntry(entry({ action: 'evidence_add', actor: 'casey' }))).toBe(
      'casey added evidence to the claim',
    );
  });

  it('says a claim came from a file without naming "import" as a person', () => {
    expect(describeEntry(entry({ action: 'import', actor: 'import', after: null }))).toBe(
      'Imported from a claims file',
    );
    expect(describeEntry(entry({ action: 'import', actor: 'ada', after: null }))).toBe(
      'ada imported the claim',
    );
  });

  it('uses display names where they are known', () => {
    const names = new Map([['dana', 'Dana Reyes']]);
    const nameOf = (username: string) => names.get(username) ?? username;
    expect(describeEntry(entry({}), nameOf)).toBe('Dana Reyes approved the claim as False');
    expect(describeEntry(entry({ actor: 'sam', action: 'start', after: null }), nameOf)).toBe(
      'sam started research on the claim',
    );
  });

  it('shows display names and the time in the timeline', async () => {
    const fixture = TestBed.createComponent(HistoryTimeline);
    fixture.componentRef.setInput('entries', [entry({})]);
    fixture.componentRef.setInput('displayNames', new Map([['dana', 'Dana Reyes']]));
    await fixture.whenStable();
    const text = (fixture.nativeElement as HTMLElement).textContent ?? '';
    expect(text).toContain('Dana Reyes approved the claim as False');
    expect(text).toMatch(/28 Nov, \d\d:02/);
  });
});
