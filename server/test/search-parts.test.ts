/** The search's parts that need no database: the query parser and the snippets. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { accentFolding } from '../database/migration-steps/0011_search';
import { fts5Query, parseSearchQuery } from '../repositories/search-query';
import { cutSnippet, joinAcrossSeparators, markedRanges } from '../repositories/search-snippet';

describe('search query parser', () => {
  it('reads words, phrases and prefixes', () => {
    assert.deepEqual(parseSearchQuery('grain "five million" artill* '), [
      { kind: 'word', text: 'grain' },
      { kind: 'phrase', text: 'five million' },
      { kind: 'prefix', text: 'artill' },
    ]);
  });

  it('never hands the engines raw syntax', () => {
    assert.deepEqual(parseSearchQuery('"unclosed  phrase'), [
      { kind: 'phrase', text: 'unclosed phrase' },
    ]);
    assert.deepEqual(parseSearchQuery('*** ( ) - ""'), []);
    assert.deepEqual(parseSearchQuery("U.S* it's"), [
      { kind: 'word', text: 'U' },
      { kind: 'prefix', text: 'S' },
      { kind: 'word', text: "it's" },
    ]);
    assert.equal(fts5Query(parseSearchQuery('NEAR(a OR "b"')), '"NEAR(a" "OR" "b"');
  });
});

describe('search snippets', () => {
  it('turns marks into offsets of the stored text', () => {
    assert.deepEqual(markedRanges('a café b', 'a \u0001cafe\u0002 b'), [[2, 6]]);
    // Words marked one by one join across separators, not across a word.
    const text = 'the artillery shells; e-mail and shells';
    const ranges = markedRanges(
      text,
      'the \u0001artillery\u0002 \u0001shells\u0002  \u0001e\u0002 \u0001mail\u0002 and \u0001shells\u0002',
    );
    assert.deepEqual(ranges, [
      [4, 13],
      [14, 20],
      [22, 23],
      [24, 28],
      [33, 39],
    ]);
    assert.deepEqual(joinAcrossSeparators(text, ranges ?? []), [
      [4, 28],
      [33, 39],
    ]);
    // PostgreSQL's text, separators blanked, lines up with the stored text.
    assert.deepEqual(markedRanges('😀 e-mail', '  \u0001e\u0002 \u0001mail\u0002'), [
      [3, 4],
      [5, 9],
    ]);
    // Text that does not line up gives no highlights rather than wrong ones.
    assert.equal(markedRanges('abc', '\u0001abcd\u0002'), null);
    // Offsets count UTF-16 units, as the dashboard's strings do.
    assert.deepEqual(markedRanges('😀 shells', '😀 \u0001shells\u0002'), [[3, 9]]);
  });

  it('cuts around the first match at word boundaries, white space folded', () => {
    const text = `${'lorem ipsum '.repeat(30)}the grain\n\nexports rose ${'dolor sit '.repeat(30)}`;
    const start = text.indexOf('grain');
    const { snippet, highlights } = cutSnippet(
      text,
      [[start, start + 'grain\n\nexports'.length]],
      80,
    );
    assert.ok(snippet.startsWith('…') && snippet.endsWith('…'), snippet);
    assert.ok(snippet.length <= 84, snippet);
    assert.deepEqual(
      highlights.map(([a, b]) => snippet.slice(a, b)),
      ['grain exports'],
    );
    assert.ok(!/\s\s/.test(snippet));
  });

  it('keeps short text whole', () => {
    assert.deepEqual(cutSnippet('Grain exports doubled.', [[0, 5]]), {
      snippet: 'Grain exports doubled.',
      highlights: [[0, 5]],
    });
  });

  it('folds accents one character for one', () => {
    const { from, to } = accentFolding();
    assert.equal(from.length, to.length);
    const folded = [...'Zürich Ångström ŁÓDŹ'].map((c) => {
      const i = from.indexOf(c);
      return i >= 0 ? to[i] : c;
    });
    assert.equal(folded.join(''), 'Zurich Angstrom ŁODZ');
  });
});
