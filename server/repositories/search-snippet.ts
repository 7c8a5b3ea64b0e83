/**
 * Snippets for search results, cut in JavaScript from the stored text: the engines mark
 * the matched words (FTS5 `highlight()`, PostgreSQL `ts_headline`) with two control
 * characters that stored text cannot hold, and these turn the marks into offsets.
 * No HTML leaves the server; the dashboard builds its marks from the offsets.
 */
import { SEARCH_SNIPPET_LENGTH, type SearchHighlight } from '../../src/domain/search';

export const MARK_START = '\u0001';
export const MARK_END = '\u0002';

export type Range = [number, number];

/** What FTS5's unicode61 reads as part of a word: letters, digits, private use. */
const WORD_CHARACTER = /[\p{L}\p{N}\p{Co}]/u;

/**
 * The marked ranges of `original`, given the same text with marks inserted, character for
 * character (PostgreSQL's has its accents removed and separators blanked, one character
 * for one, migration 0015); null when the two do not line up (text that held a mark
 * character itself), so no highlight is better than a wrong one.
 */
export function markedRanges(original: string, marked: string): Range[] | null {
  const ranges: Range[] = [];
  const characters = original[Symbol.iterator]();
  let position = 0;
  let start = -1;
  for (const character of marked) {
    if (character === MARK_START) {
      start = position;
    } else if (character === MARK_END) {
      if (start >= 0 && position > start) {
        ranges.push([start, position]);
      }
      start = -1;
    } else {
      const next = characters.next();
      if (next.done) {
        return null;
      }
      position += next.value.length; // UTF-16 units, as offsets count
    }
  }
  if (position !== original.length) {
    return null;
  }
  return ranges;
}

/**
 * "artillery" and "shells" marked one by one read better as one mark, and "e-mail" is one
 * word: marks with nothing but separators (no letter or digit) between them are joined,
 * as FTS5 marks a phrase it matched.
 */
export function joinAcrossSeparators(text: string, ranges: readonly Range[]): Range[] {
  return markedRuns(text, ranges).map((run) => run.range);
}

/**
 * The runs of marks with only separators between them, each with how many marks it
 * joins. PostgreSQL's ts_headline marks every word of a phrase wherever it stands, FTS5
 * only where the phrase matched: a phrase's runs of fewer marks than its words are not
 * its matches.
 */
export function markedRuns(
  text: string,
  ranges: readonly Range[],
): { range: Range; marks: number }[] {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const runs: { range: Range; marks: number }[] = [];
  for (const [start, end] of sorted) {
    const last = runs[runs.length - 1];
    if (last && start < last.range[1]) {
      last.range[1] = Math.max(last.range[1], end);
    } else if (last && !WORD_CHARACTER.test(text.slice(last.range[1], start))) {
      last.range[1] = end;
      last.marks += 1;
    } else {
      runs.push({ range: [start, end], marks: 1 });
    }
  }
  return runs;
}

export interface Snippet {
  readonly snippet: string;
  readonly highlights: SearchHighlight[];
}

/**
 * About `length` characters of `text` around its first highlight, cut at spaces, white
 * space runs folded to one space, `…` where the text goes on; highlights moved along.
 */
export function cutSnippet(
  text: string,
  ranges: readonly Range[],
  length = SEARCH_SNIPPET_LENGTH,
): Snippet {
  let start = 0;
  let end = text.length;
  if (text.length > length) {
    const first = ranges[0] ?? [0, 0];
    start = Math.max(0, first[0] - Math.floor(length / 3));
    end = Math.min(text.length, start + length);
    start = Math.max(0, Math.min(start, end - length));
    // Whole words: start after a space, end before one, never inside the first match.
    if (start > 0) {
      const space = text.slice(start, first[0]).search(/\s/);
      start = space >= 0 ? start + space + 1 : first[0];
    }
    if (end < text.length) {
      const tail = text.slice(Math.max(first[1], start), end);
      const space = tail.search(/\s\S*$/);
      if (space > 0) {
        end = Math.max(first[1], start) + space;
      }
    }
  }
  // Fold white space, keeping where each character went.
  let out = start > 0 ? '…' : '';
  const at = new Map<number, number>();
  let i = start;
  while (i < end && /\s/.test(text[i] ?? '')) {
    i += 1;
  }
  for (; i < end; i += 1) {
    const character = text[i] ?? '';
    at.set(i, out.length);
    if (/\s/.test(character)) {
      if (!out.endsWith(' ')) {
        out += ' ';
      }
    } else {
      out += character;
    }
  }
  out = out.replace(/ $/, '');
  const inside = out.length;
  at.set(end, inside);
  if (end < text.length) {
    out += '…';
  }
  const highlights: SearchHighlight[] = [];
  for (const [from, to] of ranges) {
    const a = Math.max(from, start);
    const b = Math.min(to, end);
    const mappedFrom = firstAt(at, a, end);
    const mappedTo = firstAt(at, b, end);
    if (b > a && mappedFrom !== undefined && mappedTo !== undefined && mappedTo > mappedFrom) {
      highlights.push([mappedFrom, Math.min(mappedTo, inside)]);
    }
  }
  return { snippet: out, highlights };
}

/** Where offset `i` went, or the next offset that went somewhere (leading space was dropped). */
function firstAt(at: ReadonlyMap<number, number>, i: number, end: number): number | undefined {
  for (let j = i; j <= end; j += 1) {
    const mapped = at.get(j);
    if (mapped !== undefined) {
      return mapped;
    }
  }
  return undefined;
}
