/**
 * Claim suggestions for an article text. Every sentence is scored by the
 * trained check-worthiness model (server/checkworthiness: the probability that
 * a fact-checker would choose it, in its place in the text); a sentence at or
 * over SUGGESTED_AT is narrowed to its asserting clauses where each clause is
 * worth suggesting on its own. Those are offered to the editor, who alone
 * turns one into a claim.
 */
import type { ClaimantType, ClaimKind, Heading } from '../../src/domain/claim';
import type { Suggestion } from '../../src/domain/suggestion';
import type { AnalysedSentence, TextParagraph } from '../checkworthiness/analyse';
import { SUGGESTED_AT } from '../checkworthiness/model';
import { TextScorer, type ScoredSentence as ModelSentence } from '../checkworthiness/scorer';
import { attributionInSentence } from './attribution';
import { clauses } from './clauses';
import type { Sentence, Token } from './parse';
import { scoreClause } from './score';
import { sentenceTokens } from './sentence-tokens';

/** At or over this a sentence (or clause) is suggested: the model's one setting. */
export { SUGGESTED_AT };

/** A span the suggester found, before it is stored as a suggestion. */
export type SuggestedSpan = Pick<
  Suggestion,
  'start' | 'end' | 'quote' | 'score' | 'reasons' | 'suggestedKind' | 'claimant' | 'claimantType'
>;

/** Every scored sentence or clause, threshold or not (the `?minScore=` list, tests, tuning). */
export interface ScoredSpan extends SuggestedSpan {
  readonly suggested: boolean;
}

/** How a clause is scored: the model in the text's context, or (for the benchmark) the hand-weighted scorer. */
export type ClauseScorer = (
  tokens: readonly Token[],
  question: boolean,
) => { readonly score: number; readonly reasons: readonly string[] };

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

const OPENING_MARK = /["“‘«([]/;
/** A sentence's end as the model read it, less the final full stop: "U.S." keeps its own. */
const FINAL_STOP = /(?<!(?:^|[\s(])\p{Lu}(?:\.\p{Lu})*)[.!?,;:…]+$/u;

/** A model sentence's span as a clause's is written: opening quote kept, final full stop not. */
function sentenceSpan(text: string, sentence: AnalysedSentence): { start: number; end: number } {
  let start = sentence.start;
  while (start > 0 && OPENING_MARK.test(text[start - 1])) {
    start--;
  }
  const quote = text.slice(start, sentence.end).trimEnd();
  const trimmed = /["”’»)\]]$/.test(quote) ? quote : quote.replace(FINAL_STOP, '');
  return { start, end: start + (trimmed.length > 0 ? trimmed.length : quote.length) };
}

function isQuestion(tokens: readonly Token[]): boolean {
  const last = tokens.filter((t) => t.text !== '').at(-1);
  return last !== undefined && last.post.includes('?');
}

/** The kind the hand-weighted scorer reads in the words (a figure, an attribution, …). */
function kindOf(tokens: readonly Token[], question: boolean): ClaimKind {
  return scoreClause(tokens, question).kind;
}

interface Claimant {
  readonly claimant: string | null;
  readonly claimantType: ClaimantType;
}

/** Who the sentence says made the claim at start–end, or the speaker of the turn in a transcript. */
function claimantOf(
  text: string,
  tokens: readonly Token[],
  start: number,
  end: number,
  speakerName: string | null,
): Claimant {
  const said = attributionInSentence(text, tokens, start, end);
  return said ?? { claimant: speakerName, claimantType: 'Person' };
}

interface Narrowed {
  readonly start: number;
  readonly end: number;
  readonly score: number;
  readonly reasons: readonly string[];
  readonly tokens: readonly Token[];
}

/**
 * A sentence's clauses, scored. A split stands only where both sides are
 * worth suggesting on their own: a clause below the threshold goes back to
 * the clause before it (or, for the first, after it), so narrowing never
 * loses what the whole sentence would have offered. `whole` scores the
 * sentence undivided (the model's sentence score, for one); a clause for which
 * `mustJoin` holds (a bare attribution) is never offered on its own either.
 */
export function narrowSentence(
  text: string,
  sentence: Sentence,
  scoreOf: ClauseScorer,
  threshold: number,
  whole?: { score: number; reasons: readonly string[] },
  mustJoin: (tokens: readonly Token[]) => boolean = () => false,
): Narrowed[] {
  const question = isQuestion(sentence.tokens);
  const ranges = clauses(sentence.tokens).filter(([first, last]) =>
    sentence.tokens.slice(first, last + 1).some((t) => t.text !== ''),
  );
  const score = ([first, last]: [number, number]): Narrowed => {
    const tokens = sentence.tokens.slice(first, last + 1);
    const { score, reasons } = whole && ranges.length === 1 ? whole : scoreOf(tokens, question);
    return { ...span(text, tokens), score, reasons, tokens };
  };
  let spans = ranges.map(score);
  for (let i = 0; ranges.length > 1 && i < ranges.length;) {
    if (spans[i].score >= threshold && !mustJoin(spans[i].tokens)) {
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

/** Clauses split only after a comma or semicolon or at "while", "whereas", "but" (clauses.ts). */
function maySplit(sentence: string): boolean {
  return /[,;]|\b(?:while|whereas|but)\b/i.test(sentence);
}

/**
 * Offered to the editor: at or over the threshold, and not an opinion. The
 * model reads how fact-checkers' chosen sentences look; a judgement ("the plan
 * is a waste of money") can look like one, but there is nothing to check.
 */
function worthSuggesting(score: number, kind: ClaimKind): boolean {
  return score >= SUGGESTED_AT && kind !== 'opinion';
}

/** One sentence the model scored, as spans: narrowed to clauses when it is suggested. */
function sentenceSpans(
  text: string,
  scorer: TextScorer,
  paragraph: TextParagraph,
  analysed: AnalysedSentence,
  scored: ModelSentence,
): ScoredSpan[] {
  const { start, end } = sentenceSpan(text, analysed);
  const words = sentenceTokens(text, analysed.words);
  const question = isQuestion(words);
  if (scored.suggested && maySplit(text.slice(start, end))) {
    // The model's reading of the sentence, narrowed to clauses (sentence-tokens.ts).
    const narrowed = narrowSentence(
      text,
      { tokens: words },
      (clause, asks) => scorer.scoreClause(clause, asks),
      SUGGESTED_AT,
      scored,
      // "…, the ministry confirmed in a statement on Tuesday" belongs with the claim it reports.
      (clause) => kindOf(clause, question) === 'attribution',
    );
    return narrowed.map((n) => {
      const kind = kindOf(n.tokens, question);
      return {
        start: n.start,
        end: n.end,
        quote: text.slice(n.start, n.end),
        score: n.score,
        reasons: n.reasons,
        suggestedKind: kind,
        ...claimantOf(text, words, n.start, n.end, paragraph.speakerName),
        suggested: worthSuggesting(n.score, kind),
      };
    });
  }
  const kind = kindOf(words, question);
  return [
    {
      start,
      end,
      quote: text.slice(start, end),
      score: scored.score,
      reasons: scored.reasons,
      suggestedKind: kind,
      ...claimantOf(text, words, start, end, paragraph.speakerName),
      suggested: worthSuggesting(scored.score, kind),
    },
  ];
}

/** Longest stretch of work before letting other requests run (a long article takes a while). */
const SLICE_MS = 20;

/**
 * Every sentence of the text scored, in text order, headings left out; the
 * suggested ones narrowed to their clauses. Yields to the event loop as it
 * goes. The same text gives the same answer.
 */
export async function scoreText(text: string, headings: readonly Heading[]): Promise<ScoredSpan[]> {
  const scorer = await TextScorer.read(
    text,
    headings.map((h) => h.start),
  );
  const spans: ScoredSpan[] = [];
  let sliceStart = performance.now();
  let k = 0;
  for (const paragraph of scorer.paragraphs) {
    for (const sentence of paragraph.sentences) {
      // Scored here, sentence by sentence, so that the slices below bound this work too.
      const score = scorer.scoreSentence(k++, SUGGESTED_AT);
      spans.push(...sentenceSpans(text, scorer, paragraph, sentence, score));
      if (performance.now() - sliceStart > SLICE_MS) {
        await new Promise((resolve) => setImmediate(resolve));
        sliceStart = performance.now();
      }
    }
  }
  return spans;
}

/** compromise knows English only: a text in another language gets no suggestions rather than noise. */
export function suggestsFor(language: string): boolean {
  return /^en(-|$)/i.test(language);
}

/** Every scored sentence or clause of a text in another language: none (see suggestsFor). */
export async function scoreTextIn(
  text: string,
  headings: readonly Heading[],
  language = 'en',
): Promise<ScoredSpan[]> {
  return suggestsFor(language) ? scoreText(text, headings) : [];
}

/** The suggestions for a text: its sentences and clauses at or over the threshold, in text order. */
export async function suggestClaims(
  text: string,
  headings: readonly Heading[],
  language = 'en',
): Promise<SuggestedSpan[]> {
  return (await scoreTextIn(text, headings, language))
    .filter((s) => s.suggested)
    .map(({ suggested: _suggested, ...suggestion }) => suggestion);
}
