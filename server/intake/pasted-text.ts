/**
 * An article pasted as text: its text normalised as the article file format
 * wants it, its section headings found, and a slug for its id.
 */
import type { Heading } from '../../src/domain/claim';

/** Line endings as "\n", no white space at the end of a line, no blank lines around the text. */
export function normaliseText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.replace(/\s+$/, ''))
    .join('\n')
    .replace(/^\n+|\n+$/g, '');
}

const MAX_HEADING_CHARS = 100;
const MAX_HEADING_WORDS = 12;
/** A heading ends in a word, a quote or a question mark, never mid-sentence punctuation. */
const OPEN_ENDING = /[.,;:!…\-–—]$/;
const LIST_ITEM = /^([-*•·]|\d+[.)])\s/;
/** The previous paragraph ended its sentence: a heading does not break one that is hard-wrapped. */
const SENTENCE_END = /[.!?…"”’)]$/;

function isCandidate(line: string): boolean {
  const words = line.split(/\s+/).filter((w) => w.length > 0);
  return (
    line.length <= MAX_HEADING_CHARS &&
    words.length > 0 &&
    words.length <= MAX_HEADING_WORDS &&
    /^[\p{Lu}\p{N}"“‘]/u.test(line) &&
    !OPEN_ENDING.test(line) &&
    !LIST_ITEM.test(line) &&
    !/^by\s/i.test(line)
  );
}

/**
 * The lines that are section headings, conservatively: a short line (at most
 * 12 words) that starts with a capital, ends without sentence punctuation (a
 * question mark aside: "What happens next?"), stands on its own after the start
 * of the text or a finished paragraph, and is followed by a longer paragraph.
 * Expects normalised text.
 */
export function findHeadings(text: string): Heading[] {
  const lines = text.split('\n');
  const starts: number[] = [];
  let offset = 0;
  for (const line of lines) {
    starts.push(offset);
    offset += line.length + 1;
  }
  const nonBlank = (from: number, step: 1 | -1): string | undefined => {
    for (let i = from; i >= 0 && i < lines.length; i += step) {
      if (lines[i].trim() !== '') {
        return lines[i].trim();
      }
    }
    return undefined;
  };
  const headings: Heading[] = [];
  lines.forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line !== raw || !isCandidate(line)) {
      return;
    }
    const before = nonBlank(index - 1, -1);
    const after = nonBlank(index + 1, 1);
    if (before !== undefined && !SENTENCE_END.test(before)) {
      return;
    }
    if (after === undefined || isCandidate(after) || after.length <= line.length) {
      return;
    }
    headings.push({
      line: index,
      start: starts[index],
      end: starts[index] + raw.length,
      text: raw,
    });
  });
  return headings;
}

const MAX_SLUG = 80;

/**
 * The slug of a headline: lower-case ASCII letters and digits in hyphenated
 * groups, accents dropped, at most 80 characters cut at a word; "article" when
 * nothing is left (a headline in another script).
 */
export function slugOf(headline: string): string {
  const words = headline
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’]/g, '')
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 0);
  let slug = '';
  for (const word of words) {
    const next = slug ? `${slug}-${word}` : word;
    if (next.length > MAX_SLUG) {
      break;
    }
    slug = next;
  }
  return slug || (words[0]?.slice(0, MAX_SLUG) ?? '') || 'article';
}
