/**
 * Claim suggestions for an article text: every sentence (narrowed to its
 * asserting clauses) scored for check-worthiness; those at or above the
 * threshold are offered to the editor, who alone turns one into a claim.
 */
import type { ClaimKind, Heading } from '../../src/domain/claim';
import { clauses } from './clauses';
import { parseParagraph, type Sentence, type Token } from './parse';
import { scoreClause } from './score';

/** Below this a clause is not worth an editor's attention. */
export const SUGGESTION_THRESHOLD = 0.3;

export interface SuggestedSpan {
  /** UTF-16 offsets into the text: `text.slice(start, end) === quote`. */
  readonly start: number;
  readonly end: number;
  readonly quote: string;
  readonly score: number;
  readonly reasons: readonly string[];
  readonly suggestedKind: ClaimKind;
}

/** Every scored clause, threshold or not; for tests and tuning. */
export interface ScoredSpan extends SuggestedSpan {
  readonly offered: boolean;
}

const OPENING = /["“‘«([]+$/;
const CLOSING = /^[.!?]*["”’»)\]]+/;

/** The clause's words as written: opening and closing quotes and brackets kept, the final full stop or comma not. */
function span(text: string, tokens: readonly Token[]): { start: number; end: number } {
  const written = tokens.filter((t) => t.text !== '');
  const first = written[0];
  const last = written[written.length - 1];
  const start = first.start - (OPENING.exec(first.pre)?.[0].length ?? 0);
  const end = last.end + (CLOSING.exec(last.post)?.[0].length ?? 0);
  return { start: Math.max(0, start), end: Math.min(text.length, end) };
}

function isQuestion(sentence: Sentence): boolean {
  const last = sentence.tokens.filter((t) => t.text !== '').at(-1);
  return last !== undefined && last.post.includes('?');
}

/** Scores the clauses of one paragraph (a line of `text` starting at `base`). */
export function scoreParagraph(text: string, base: number, paragraph: string): ScoredSpan[] {
  const scored: ScoredSpan[] = [];
  for (const sentence of parseParagraph(paragraph, base)) {
    const question = isQuestion(sentence);
    for (const [first, last] of clauses(sentence.tokens)) {
      const tokens = sentence.tokens.slice(first, last + 1);
      if (!tokens.some((t) => t.text !== '')) {
        continue;
      }
      const { start, end } = span(text, tokens);
      const { score, reasons, kind } = scoreClause(tokens, question);
      scored.push({
        start,
        end,
        quote: text.slice(start, end),
        score,
        reasons,
        suggestedKind: kind,
        offered: score >= SUGGESTION_THRESHOLD,
      });
    }
  }
  return scored;
}

/** The non-empty lines of `text` that are not headings, with their offsets. */
function paragraphs(text: string, headings: readonly Heading[]): { start: number; line: string }[] {
  const headingStarts = new Set(headings.map((h) => h.start));
  const found: { start: number; line: string }[] = [];
  let start = 0;
  for (const line of text.split('\n')) {
    if (line.trim() !== '' && !headingStarts.has(start)) {
      found.push({ start, line });
    }
    start += line.length + 1;
  }
  return found;
}

/** Longest stretch of parsing before letting other requests run (a long article takes seconds). */
const SLICE_MS = 20;

/** Every clause of the text scored, headings left out. Yields to the event loop as it goes. */
export async function scoreText(text: string, headings: readonly Heading[]): Promise<ScoredSpan[]> {
  const scored: ScoredSpan[] = [];
  let sliceStart = performance.now();
  for (const { start, line } of paragraphs(text, headings)) {
    scored.push(...scoreParagraph(text, start, line));
    if (performance.now() - sliceStart > SLICE_MS) {
      await new Promise((resolve) => setImmediate(resolve));
      sliceStart = performance.now();
    }
  }
  return scored;
}

/** compromise knows English only: a text in another language gets no suggestions rather than noise. */
export function suggestsFor(language: string): boolean {
  return /^en(-|$)/i.test(language);
}

/** The suggestions for a text: its clauses at or above the threshold, in article order. */
export async function suggestClaims(
  text: string,
  headings: readonly Heading[],
  language = 'en',
): Promise<SuggestedSpan[]> {
  if (!suggestsFor(language)) {
    return [];
  }
  return (await scoreText(text, headings))
    .filter((s) => s.offered)
    .map(({ offered: _offered, ...suggestion }) => suggestion);
}
