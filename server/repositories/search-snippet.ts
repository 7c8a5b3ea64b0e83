/**
 * Snippets for search results, cut in JavaScript from the stored text: the engines mark
 * the matched words (FTS5 `highlight()`, PostgreSQL `ts_headline`) with two control
 * characters that stored text cannot hold, and these turn the marks into offsets.
 * No HTML leaves the server; the dashboard builds its marks from the offsets.
 */
import { SEARCH_SNIPPET_LENGTH, type SearchHighlight } from '../../src/domain/search';

export const MARK_START = '\u0001';
export const MARK_END = '\u0002';

type Range = [number, number];

/**
 * The marked ranges of `original`, given the same text with marks inserted (or with
 * accents removed one character for one, as PostgreSQL's is); null when the two do not
 * line up (text that held a mark character itself), so no highlight is better than a wrong one.
 */
export function markedRanges(original: string, marked: string): Range[] | null {
  const ranges: Range[] = [];
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
      position += character.length; // UTF-16 units, as offsets count
    }
  }
  if (position !== original.length) {
    return null;
  }
  return joinAcrossSpaces(original, ranges);
}

/** "artillery" and "shells" marked one by one read better as one mark. */
function joinAcrossSpaces(text: string, ranges: readonly Range[]): Range[] {
  const joined: Range[] = [];
  for (const range of ranges) {
    const last = joined[joined.length - 1];
    if (last && /^[ \t]*$/.test(text.slice(last[1], range[0]))) {
      last[1] = range[1];
    } else {
      joined.push([range[0], range[1]]);
    }
  }
  return joined;
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
