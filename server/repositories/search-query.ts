/**
 * The search box's little language, read safely: words (all must match), "phrases in
 * quotes" and prefixes (`visit*`). Whatever the input, the engines get quoted terms and
 * never raw query syntax, so no input is a syntax error in FTS5 or tsquery: an
 * unclosed quote closes at the end, stray operators are plain characters, and
 * punctuation the tokenizers drop anyway is dropped.
 */

export type SearchTerm =
  | { readonly kind: 'word'; readonly text: string }
  | { readonly kind: 'phrase'; readonly text: string }
  | { readonly kind: 'prefix'; readonly text: string };

const HAS_WORD = /[\p{L}\p{N}]/u;
/** Letters and digits only: what a prefix may hold (it goes into tsquery syntax). */
const WORD_CHARACTERS = /[\p{L}\p{N}\p{M}]+/gu;

/** The terms of a query; empty when it holds no word at all. */
export function parseSearchQuery(input: string): SearchTerm[] {
  const terms: SearchTerm[] = [];
  // A quoted stretch (closed or running to the end), or a run of non-space characters.
  const pattern = /"([^"]*)"?|[^\s"]+/g;
  for (const match of input.matchAll(pattern)) {
    const quoted = match[1];
    if (quoted !== undefined) {
      const text = quoted.replace(/\s+/g, ' ').trim();
      if (HAS_WORD.test(text)) {
        terms.push({ kind: 'phrase', text });
      }
      continue;
    }
    const chunk = match[0];
    if (!HAS_WORD.test(chunk)) {
      continue;
    }
    if (chunk.endsWith('*')) {
      // `U.S*`: the words before the last stay words, the last is the prefix.
      const words = chunk.match(WORD_CHARACTERS) ?? [];
      const last = words.pop();
      for (const word of words) {
        terms.push({ kind: 'word', text: word });
      }
      if (last !== undefined) {
        terms.push({ kind: 'prefix', text: last });
      }
      continue;
    }
    terms.push({ kind: 'word', text: chunk.replace(/\*/g, ' ').trim() });
  }
  return terms;
}

/** An FTS5 string: every term quoted (a quote inside doubled), prefixes starred. */
export function fts5Query(terms: readonly SearchTerm[]): string {
  return terms
    .map((term) => {
      const quoted = `"${term.text.replace(/"/g, '""')}"`;
      return term.kind === 'prefix' ? `${quoted}*` : quoted;
    })
    .join(' ');
}
