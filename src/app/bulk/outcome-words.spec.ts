import { claimLabel, refusedClaims, selectedWords, undoOutcomeWords } from './outcome-words';
import { claim, done, refused } from './fixtures.spec';

describe('outcome words', () => {
  it('counts the selection with the right plural', () => {
    expect(selectedWords(1)).toBe('1 claim selected');
    expect(selectedWords(2)).toBe('2 claims selected');
    expect(selectedWords(0)).toBe('0 claims selected');
  });

  it('says an undo’s outcome, with the reasons claims were left alone', () => {
    expect(undoOutcomeWords([done('1'), done('2')])).toBe('Undone for 2');
    expect(
      undoOutcomeWords([
        done('1'),
        refused('2', 'Changed since the batch.'),
        refused('3', 'Changed since the batch.'),
      ]),
    ).toBe('Undone for 1; 2 left alone: Changed since the batch');
    expect(undoOutcomeWords([refused('1', 'Changed since the batch.')])).toBe(
      'Nothing undone; 1 left alone: Changed since the batch',
    );
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
