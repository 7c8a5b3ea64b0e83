import { TestBed } from '@angular/core/testing';
import { HistoryEntry } from '../../../domain/claim';
import { HistoryTimeline } from './history-timeline';

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
  changes: [{ field: 'stage', from: 'in_review', to: 'approved' }],
  ...overrides,
});

describe('HistoryTimeline', () => {
  it('shows display names and the time in the timeline', async () => {
    const fixture = TestBed.createComponent(HistoryTimeline);
    fixture.componentRef.setInput('entries', [entry({})]);
    fixture.componentRef.setInput('displayNames', new Map([['dana', 'Dana Reyes']]));
    await fixture.whenStable();
    const text = (fixture.nativeElement as HTMLElement).textContent ?? '';
    expect(text).toContain('Dana Reyes approved the claim as False');
    expect(text).toMatch(/28 Nov, \d\d:02/);
  });

  it('says field by field what an entry changed, in labels, names and dates', async () => {
    const fixture = TestBed.createComponent(HistoryTimeline);
    const rationale =
      'The ministry’s own figures, published in March, show a fall rather than a rise.';
    fixture.componentRef.setInput('entries', [
      entry({
        action: 'update',
        before: null,
        after: null,
        changes: [
          { field: 'verdict', from: 'mostly_true', to: 'false' },
          { field: 'assignee', from: null, to: 'eli' },
          { field: 'dueAt', from: null, to: '2026-12-10T17:00:00.000Z' },
          { field: 'rationale', from: 'Short.', to: rationale },
        ],
      }),
    ]);
    fixture.componentRef.setInput('displayNames', new Map([['eli', 'Eli Navarro']]));
    await fixture.whenStable();
    const lines = [...(fixture.nativeElement as HTMLElement).querySelectorAll('.changes li')].map(
      (li) => li.textContent?.replace(/\s+/g, ' ').trim(),
    );
    expect(lines[0]).toBe('verdict: Mostly true → False');
    expect(lines[1]).toBe('assignee: none → Eli Navarro');
    expect(lines[2]).toMatch(/^due date: none → 10 Dec 2026, \d\d:00$/);
    expect(lines[3]).toMatch(
      /^rationale: “Short\.” → “The ministry’s own figures, published in March, show a fall…”$/,
    );
  });

  it('derives the changes of an entry sent without them', async () => {
    const fixture = TestBed.createComponent(HistoryTimeline);
    const old = { ...entry({}), changes: undefined } as unknown as HistoryEntry;
    fixture.componentRef.setInput('entries', [old]);
    await fixture.whenStable();
    const lines = [...(fixture.nativeElement as HTMLElement).querySelectorAll('.changes li')].map(
      (li) => li.textContent?.replace(/\s+/g, ' ').trim(),
    );
    expect(lines).toEqual(['stage: In review → Approved', 'verdict: none → False']);
  });
});
