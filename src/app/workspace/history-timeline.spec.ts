import { HistoryEntry } from '../../domain/claim';
import { describeEntry } from './history-timeline';

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

  it('names the edited fields and the non-workflow changes', () => {
    expect(
      describeEntry(entry({ action: 'update', after: { verdict: 'true', rationale: 'x' } })),
    ).toBe('dana edited the claim (verdict, rationale)');
    expect(describeEntry(entry({ action: 'evidence_add', actor: 'casey' }))).toBe(
      'casey added evidence to the claim',
    );
  });
});
