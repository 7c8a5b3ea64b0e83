/**
 * Claim suggestions for an article text: every sentence (narrowed to its
 * asserting clauses) scored for check-worthiness; those at or above the
 * threshold are offered to the editor, who alone turns one into a claim.
 */
import type { Heading } from '../../src/domain/claim';
import type { Suggestion } from '../../src/domain/suggestion';
import { attributionInSentence } from './attribution';
import { clauses } from './clauses';
import { parseParagraph, type Sentence, type Token } from './parse';
import { scoreClause } from './score';

/** Below this a clause is not worth an editor's attention. */
export const SUGGESTION_THRESHOLD = 0.3;

/** A span the suggester found, before it is stored as a suggestion. */
export type SuggestedSpan = Pick<
  Suggestion,
  'start' | 'end' | 'quote' | 'score' | 'reasons' | 'suggestedKind' | 'claimant' | 'claimantType'
>;

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

function scored(
  text: string,
  sentence: Sentence,
  tokens: readonly Token[],
  question: boolean,
): ScoredSpan {
  const { start, end } = span(text, tokens);
  const { score, reasons, kind } = scoreClause(tokens, question);
  const offered = score >= SUGGESTION_THRESHOLD;
  // Who the whole sentence says made it: "…, the ministry said" names the speaker outside the clause.
  const said = offered ? attributionInSentence(text, sentence.tokens, start, end) : null;
  return {
    start,
    end,
    quote: text.slice(start, end),
    score,
    reasons,
    suggestedKind: kind,
    claimant: said?.claimant ?? null,
    claimantType: said?.claimantType ?? 'Person',
    offered,
  };
}

/**
 * A sentence's clauses, scored. A split stands only where both sides are
 * worth suggesting on their own: a clause below the threshold goes back to
 * the clause before it (or, for the first, after it), so narrowing never
 * loses what the whole sentence would have offered.
 */
function scoreSentence(text: string, sentence: Sentence): ScoredSpan[] {
  const question = isQuestion(sentence);
  const ranges = clauses(sentence.tokens).filter(([first, last]) =>
    sentence.tokens.slice(first, last + 1).some((t) => t.text !== ''),
  );
  const score = ([first, last]: [number, number]) =>
    scored(text, sentence, sentence.tokens.slice(first, last + 1), question);
  let spans = ranges.map(score);
  for (let i = 0; ranges.length > 1 && i < ranges.length;) {
    if (spans[i].offered) {
      i++;
      continue;
    }
    // Merge the weak clause into a neighbour and score the two as one.
    const with_ = i > 0 ? i - 1 : i + 1;
    const [a, b] = with_ < i ? [with_, i] : [i, with_];
    const merged: [number, number] = [ranges[a][0], ranges[b][1]];
    ranges.splice(a, 2, merged);
    spans = [...spans.slice(0, a), score(merged), ...spans.slice(b + 1)];
    i = Math.max(0, a - 1);
  }
  return spans;
}

/** Scores the clauses of one paragraph (a line of `text` starting at `base`). */
export function scoreParagraph(text: string, base: number, paragraph: string): ScoredSpan[] {
  return parseParagraph(paragraph, base).flatMap((sentence) => scoreSentence(text, sentence));
}

/** Longest piece of a line handed to compromise at once: it parses a piece without a break. */
const MAX_PIECE = 2_000;
/** Where a sentence ends and the next begins: a full stop (maybe a closing quote), space, a capital. */
const SENTENCE_BREAK = /[.!?]["”’)\]]?\s+(?=["“‘(]?[\p{Lu}\p{N}])/gu;

/**
 * A line cut at sentence ends into pieces of at most MAX_PIECE characters
 * (a longer sentence is one piece): an article pasted without line breaks is
 * one line, and compromise would hold the server for seconds over it.
 */
function pieces(start: number, line: string): { start: number; line: string }[] {
  if (line.length <= MAX_PIECE) {
    return [{ start, line }];
  }
  const found: { start: number; line: string }[] = [];
  let from = 0;
  let lastBreak = 0;
  for (const match of line.matchAll(SENTENCE_BREAK)) {
    const at = (match.index ?? 0) + match[0].length;
    if (at - from > MAX_PIECE && lastBreak > from) {
      found.push({ start: start + from, line: line.slice(from, lastBreak) });
      from = lastBreak;
    }
    lastBreak = at;
  }
  if (line.length - from > MAX_PIECE && lastBreak > from) {
    found.push({ start: start + from, line: line.slice(from, lastBreak) });
    from = lastBreak;
  }
  found.push({ start: start + from, line: line.slice(from) });
  return found;
}

/** The non-empty lines of `text` that are not headings, with their offsets, in pieces. */
function paragraphs(text: string, headings: readonly Heading[]): { start: number; line: string }[] {
  const headingStarts = new Set(headings.map((h) => h.start));
  const found: { start: number; line: string }[] = [];
  let start = 0;
  for (const line of text.split('\n')) {
    if (line.trim() !== '' && !headingStarts.has(start)) {
      found.push(...pieces(start, line));
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
