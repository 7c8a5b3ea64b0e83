import {
  CHANGE_TEXT_MAX,
  describeFieldChange,
  historyChanges,
  valueWords,
} from './history-changes';

describe('historyChanges', () => {
  it('lists the fields an edit changed, in the order it recorded them', () => {
    expect(
      historyChanges({
        action: 'update',
        before: { verdict: 'mostly_true', rationale: null },
        after: { verdict: 'false', rationale: 'No.', batchId: 'b1' },
      }),
    ).toEqual([
      { field: 'verdict', from: 'mostly_true', to: 'false' },
      { field: 'rationale', from: null, to: 'No.' },
    ]);
  });

  it('keeps only what a workflow step changed, and a dismissal’s reason', () => {
    expect(
      historyChanges({
        action: 'dismiss',
        before: { stage: 'new', assignee: null, verdict: null },
        after: { stage: 'dismissed', assignee: null, verdict: null, reason: 'opinion' },
      }),
    ).toEqual([
      { field: 'stage', from: 'new', to: 'dismissed' },
      { field: 'reason', from: null, to: 'opinion' },
    ]);
  });

  it('reads an imported entry as the file’s action, without the provenance', () => {
    expect(
      historyChanges({
        action: 'import',
        before: { kind: 'figure' },
        after: { fileAction: 'update', fileActor: 'x', fileAt: 'y', kind: 'event' },
      }),
    ).toEqual([{ field: 'kind', from: 'figure', to: 'event' }]);
    expect(
      historyChanges({ action: 'import', before: null, after: { stage: 'new', kind: 'event' } }),
    ).toEqual([]);
  });

  it('gives no changes for entries that change no field, nor a note’s text', () => {
    for (const action of ['create', 'note_add', 'note_delete', 'evidence_add', 'evidence_remove']) {
      expect(historyChanges({ action, before: { text: 'a' }, after: { text: 'b' } })).toEqual([]);
    }
  });

  it('leaves out ids, objects and names that are not a field’s', () => {
    expect(
      historyChanges({
        action: 'evidence_update',
        before: { id: 'e1', stance: 'supports', nested: { a: 1 } },
        after: { id: 'e2', stance: 'refutes', nested: 1, '0': 'x', 'a b': 'y' },
      }),
    ).toEqual([{ field: 'stance', from: 'supports', to: 'refutes' }]);
  });
});

describe('describeFieldChange', () => {
  it('words values as people read them', () => {
    const nameOf = (username: string) => (username === 'eli' ? 'Eli Navarro' : username);
    expect(describeFieldChange({ field: 'verdict', from: 'mostly_true', to: 'false' })).toBe(
      'verdict: Mostly true → False',
    );
    expect(
      describeFieldChange({ field: 'stage', from: 'in_review', to: 'changes_requested' }),
    ).toBe('stage: In review → Changes requested');
    expect(describeFieldChange({ field: 'assignee', from: 'casey', to: 'eli' }, { nameOf })).toBe(
      'assignee: casey → Eli Navarro',
    );
    expect(describeFieldChange({ field: 'dueAt', from: null, to: '2026-12-10T17:00:00Z' })).toBe(
      'due date: none → 10 Dec 2026, 17:00 UTC',
    );
    expect(describeFieldChange({ field: 'claimDate', from: '2026-05-03', to: null })).toBe(
      'claim date: 3 May 2026 → none',
    );
    expect(describeFieldChange({ field: 'kind', from: 'figure', to: 'attribution' })).toBe(
      'kind: Figure → Attribution / quote',
    );
    expect(describeFieldChange({ field: 'reason', from: null, to: 'not_check_worthy' })).toBe(
      'reason: none → Not check-worthy',
    );
    expect(describeFieldChange({ field: 'claimantType', from: 'Person', to: 'Organization' })).toBe(
      'claimant type: Person → Organisation',
    );
  });

  it('shortens long text on one line, at a word', () => {
    const long = `${'word '.repeat(30)}end`;
    const words = valueWords('rationale', `line one\n\n${long}`);
    expect(words.length).toBeLessThanOrEqual(CHANGE_TEXT_MAX + 2);
    expect(words).toMatch(/^“line one word word .*word…”$/);
    expect(
      valueWords(
        'rationale',
        'The Kremlin confirmed the visit the day before it began, and Reuters reported it.',
      ),
    ).toBe('“The Kremlin confirmed the visit the day before it began…”');
    expect(valueWords('statement', 'short')).toBe('“short”');
    expect(valueWords('rationale', '')).toBe('none');
  });
});
