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
});
