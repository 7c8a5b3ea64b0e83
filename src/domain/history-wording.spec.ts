import { HistoryEntry } from './claim';
import { describeEntry, listFields } from './history-wording';

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
  changes: [],
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

  it('words the desk fields and says when a change was part of a bulk change', () => {
    expect(
      describeEntry(entry({ action: 'update', after: { dueAt: null, claimant: 'Putin' } })),
    ).toBe('dana changed the due date and claimant');
    expect(
      describeEntry(entry({ action: 'update', after: { assignee: 'eli', batchId: 'b1' } })),
    ).toBe('dana changed the assignee in a bulk change');
    expect(
      describeEntry(entry({ action: 'approve', after: { stage: 'approved', batchId: 'b1' } })),
    ).toBe('dana approved the claim in a bulk change');
    expect(describeEntry(entry({ action: 'bulk_undo', after: { batchId: 'b1' } }))).toBe(
      'dana undid a bulk change to the claim',
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

  describe('entries of an imported file', () => {
    const names = new Map([
      ['dana', 'Dana'],
      ['eli', 'Eli Account'],
      ['ada', 'Ada'],
    ]);
    const nameOf = (username: string) => names.get(username) ?? username;
    const imported = (after: Record<string, unknown>, actor = 'dana') =>
      describeEntry(entry({ action: 'import', actor, before: null, after }), nameOf);

    it('quotes what the file says someone did, dated as the file’s, never as done here', () => {
      const text = imported({
        fileAt: '2026-05-03T12:00:00.000Z',
        fileActor: 'eli',
        fileAction: 'approve',
        stage: 'approved',
      });
      expect(text).toBe(
        'Dana imported from a file: “eli approved the claim” (dated 3 May 2026 in the file)',
      );
      // The file's actor is the file's word, not the account of that name.
      expect(text).not.toContain('Eli Account');
      expect(text).toMatch(/^Dana imported/);
    });

    it('gives the file’s verdict, edited fields and corrections in words', () => {
      expect(
        imported({
          fileAt: '2026-05-03T12:00:00.000Z',
          fileActor: 'eli',
          fileAction: 'submit',
          stage: 'in_review',
          verdict: 'false',
        }),
      ).toBe(
        'Dana imported from a file: “eli submitted the claim as False” (dated 3 May 2026 in the file)',
      );
      expect(
        imported({
          fileAt: '2026-05-04T12:00:00.000Z',
          fileActor: 'sam',
          fileAction: 'update',
          verdict: 'true',
          rationale: 'Checked.',
        }),
      ).toBe(
        'Dana imported from a file: “sam changed the verdict and rationale” (dated 4 May 2026 in the file)',
      );
      expect(
        imported({
          fileAt: '2026-05-05T12:00:00.000Z',
          fileActor: 'eli',
          fileAction: 'reopen',
          fileCorrection: true,
          importedVia: ['robin'],
        }),
      ).toBe(
        'Dana imported from a file: “eli reopened the claim” (a correction, dated 5 May 2026 in the file)',
      );
    });

    it('says a file’s own start-up import in words, and leaves out a time it cannot read', () => {
      expect(imported({ fileAt: 'yesterday', fileActor: 'import', fileAction: 'import' })).toBe(
        'Dana imported from a file: “imported from a claims file”',
      );
    });

    it('says how the claim starts here and what stage the file gave it', () => {
      expect(
        imported({
          quote: 'five million shells',
          statement: 'x',
          kind: 'figure',
          stage: 'new',
          verdict: 'false',
          fileStage: 'approved',
          fileApprovedBy: 'eli',
        }),
      ).toBe(
        'Dana imported the claim from a file as New (the file gives it as Approved, approved by eli)',
      );
      expect(imported({ quote: 'q', statement: 'x', kind: 'figure', stage: 'new' })).toBe(
        'Dana imported the claim from a file as New',
      );
    });

    it('says an admin restored the claim from a file', () => {
      expect(
        imported({ quote: 'q', stage: 'approved', restored: true, restoredBy: 'ada' }, 'ada'),
      ).toBe('Ada restored the claim from a file');
    });
  });

  it('uses display names where they are known', () => {
    const names = new Map([['dana', 'Dana Reyes']]);
    const nameOf = (username: string) => names.get(username) ?? username;
    expect(describeEntry(entry({}), nameOf)).toBe('Dana Reyes approved the claim as False');
    expect(describeEntry(entry({ actor: 'sam', action: 'start', after: null }), nameOf)).toBe(
      'sam started research on the claim',
    );
  });

  it('lists changed fields in words', () => {
    expect(listFields(['verdict'])).toBe('verdict');
    expect(listFields(['verdict', 'rationale'])).toBe('verdict and rationale');
    expect(listFields(['kind', 'verdict', 'rationale'])).toBe('kind, verdict and rationale');
  });
});
