/**
 * A paragraph of article text as compromise reads it: sentences of tagged
 * tokens, each with exact UTF-16 offsets into the article text.
 */
import nlp from 'compromise';
import type { Term } from 'compromise/misc';

export interface Token {
  /** The word as written; empty for a word compromise reads into a contraction ("not" of "don't"). */
  readonly text: string;
  /** Lower-case form, contractions expanded. */
  readonly normal: string;
  /** Dictionary form of a verb or plural ("said" → "say"); otherwise `normal`. */
  readonly root: string;
  readonly tags: ReadonlySet<string>;
  /** Offsets into the article text: `text.slice(start, end) === token.text`. */
  readonly start: number;
  readonly end: number;
  /** Punctuation and white space before and after the word, as written. */
  readonly pre: string;
  readonly post: string;
  /** compromise's `clauses()` starts a clause here (not at a sentence's first word): a place to split, if the clauses stand alone. */
  readonly clauseStart: boolean;
}

export interface Sentence {
  readonly tokens: readonly Token[];
}

/** What compromise keeps per word; `root` and `implicit` are set by its later stages. */
type CompromiseTerm = Term & { root?: string; implicit?: string };

/** Sentence-final punctuation inside a closing quote: `…arms.” The UN…`, which compromise keeps as one sentence. */
const ENDS_INSIDE_QUOTE = /[.!?]["”’»]\s/;
const STARTS_SENTENCE = /^["“‘«(]?[A-Z0-9]/;

/**
 * Parses one paragraph (a line of the article) that starts at `base` in the
 * article text. Offsets are found by scanning for each word from where the last
 * one ended, so they hold whatever compromise does to white space.
 */
export function parseParagraph(paragraph: string, base: number): Sentence[] {
  const sentences: Sentence[] = [];
  let cursor = 0;
  const doc = nlp(paragraph);
  doc.compute('root');
  const clauseStarts = new Set(
    (doc.clauses() as unknown as { docs: CompromiseTerm[][] }).docs.map((terms) => terms[0]?.id),
  );
  for (const terms of doc.document as CompromiseTerm[][]) {
    let tokens: Token[] = [];
    for (const term of terms) {
      let start = cursor;
      if (term.text !== '') {
        const found = paragraph.indexOf(term.text, cursor);
        if (found < 0) {
          continue;
        }
        start = found;
        cursor = found + term.text.length;
      }
      const normal = term.normal || term.implicit || '';
      const token: Token = {
        text: term.text,
        normal,
        root: term.root || normal,
        tags: term.tags ?? new Set<string>(),
        start: base + start,
        end: base + start + term.text.length,
        pre: term.pre,
        post: term.post,
        clauseStart: tokens.length > 0 && clauseStarts.has(term.id),
      };
      const previous = tokens.at(-1);
      if (
        previous &&
        term.text !== '' &&
        ENDS_INSIDE_QUOTE.test(previous.post) &&
        STARTS_SENTENCE.test(term.pre.trimStart() + term.text)
      ) {
        sentences.push({ tokens });
        tokens = [];
      }
      tokens.push(token);
    }
    if (tokens.some((t) => t.text !== '')) {
      sentences.push({ tokens });
    }
  }
  return sentences;
}
