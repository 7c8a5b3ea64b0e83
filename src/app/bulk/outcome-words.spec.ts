import { undoOutcomeWords } from '../../domain/desk';
import { claimLabel, refusedClaims, selectedWords } from './outcome-words';
import { changedSince, claim, done, refused } from './fixtures.spec';

describe('outcome words', () => {
  it('counts the selection with the right plural', () => {
    expect(selectedWords(1)).toBe('1 claim selected');
    expect(selectedWords(2)).toBe('2 claims selected');
    expect(selectedWords(0)).toBe('0 claims selected');
  });

  it('says an undo’s outcome, with the reasons claims were left alone, each once and short', () => {
    expect(undoOutcomeWords([done('1'), done('2')])).toBe('Undone for 2');
    expect(
      undoOutcomeWords([done('1'), changedSince('2', 'casey', 5), changedSince('3', 'dana', 9)]),
    ).toBe('Undone for 1; 2 left alone: changed since');
    expect(
      undoOutcomeWords([
        changedSince('1'),
        refused('2', 'This article is archived, so its claims are read-only.', 409, 'archived'),
        refused('3', 'Something went wrong on the server.', 500),
      ]),
    ).toBe(
      'Nothing undone; 3 left alone: changed since; article archived; Something went wrong on the server',
    );
  });

  it('keeps the server’s whole reason for each claim left alone', () => {
    expect(refusedClaims([changedSince('2', 'casey', 5)], [{ id: '2', label: '“Two”' }])).toEqual([
      {
        id: '2',
        label: '“Two”',
        reason:
          'casey changed this claim after the bulk change (it is now version 5), so it was left as it is',
      },
    ]);
  });

  it('names each claim not changed, with its own reason, in the order of the answer', () => {
    const labels = [
      { id: '1', label: '“One”' },
      { id: '2', label: '“Two”' },
    ];
    expect(
      refusedClaims(
        [refused('2', 'Already approved.'), done('1'), refused('9', 'Not found.', 404)],
        labels,
      ),
    ).toEqual([
      { id: '2', label: '“Two”', reason: 'Already approved' },
      { id: '9', label: 'Claim 9', reason: 'Not found' },
    ]);
  });

  it('names a claim by its summary or statement, cut at a word, with its article when known', () => {
    expect(claimLabel(claim('1', { statement: 'Crime fell.' }))).toBe('“Crime fell.”');
    expect(claimLabel(claim('1', { statement: 'Long', summary: 'Short summary' }))).toBe(
      '“Short summary”',
    );
    const long = 'word '.repeat(20).trim();
    expect(claimLabel(claim('1', { statement: long }))).toBe(`“${'word '.repeat(12).trim()}…”`);
    expect(
      claimLabel({ ...claim('1', { statement: 'Crime fell.' }), articleHeadline: 'Budget' }),
    ).toBe('“Crime fell.” in “Budget”');
  });
});
