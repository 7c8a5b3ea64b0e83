/**
 * The scorers the benchmark compares, behind one shape: the trained model
 * (this folder) on whole sentences, the suggester that uses it (sentences
 * narrowed to clauses, server/suggestions/suggester.ts) and the hand-weighted
 * scorer the suggester used before (server/suggestions/score.ts, clauses
 * merged where weak), each scoring a training transcript's sentences and an
 * article's text.
 */
import type { Heading } from '../../src/domain/claim';
import { parseParagraph } from '../suggestions/parse';
import { scoreClause } from '../suggestions/score';
import { narrowSentence, suggestClaims } from '../suggestions/suggester';
import type { LabelledDocument } from './corpus';
import { scoreDocument } from './evaluate';
import { SUGGESTED_AT, type CheckworthinessModel } from './model';
import { TextScorer } from './scorer';

export interface Span {
  readonly start: number;
  readonly end: number;
}

export interface BenchScorer {
  readonly name: string;
  readonly threshold: number;
  /** A score for each sentence of a training transcript, in order. */
  transcript(document: LabelledDocument): number[];
  /** The suggested spans of an article's text. */
  suggest(text: string, headings: readonly Heading[]): Promise<Span[]>;
}

export function trainedScorer(
  model: CheckworthinessModel,
  threshold = SUGGESTED_AT,
  name = 'trained model (server/checkworthiness)',
): BenchScorer {
  return {
    name,
    threshold,
    transcript: (document) => scoreDocument(model, document),
    async suggest(text, headings) {
      const scorer = new TextScorer(
        text,
        headings.map((h) => h.start),
        model,
      );
      return scorer.scoreSentences(threshold).filter((s) => s.suggested);
    },
  };
}

/** The suggester as the server runs it: the model's sentences, suggested ones narrowed to clauses. */
export function suggesterScorer(model: CheckworthinessModel): BenchScorer {
  const sentences = trainedScorer(model);
  return {
    name: 'suggester (model, narrowed to clauses)',
    threshold: SUGGESTED_AT,
    transcript: sentences.transcript,
    suggest: (text, headings) => suggestClaims(text, headings),
  };
}

/** The hand-weighted scorer's threshold, before the switch to the model. */
const HAND_WEIGHTED_THRESHOLD = 0.3;

/** A paragraph's clauses as the hand-weighted suggester scored them. */
function handWeightedParagraph(text: string, base: number, paragraph: string) {
  return parseParagraph(paragraph, base).flatMap((sentence) =>
    narrowSentence(text, sentence, scoreClause, HAND_WEIGHTED_THRESHOLD),
  );
}

/**
 * The hand-weighted scorer: a transcript line is scored as the suggester
 * scored a paragraph (its clauses, merged where weak) and a sentence takes
 * the best score of its clauses.
 */
export const handWeightedScorer: BenchScorer = {
  name: 'hand-weighted scorer (server/suggestions/score.ts)',
  threshold: HAND_WEIGHTED_THRESHOLD,
  transcript(document) {
    return document.texts.map((line) =>
      Math.max(0, ...handWeightedParagraph(line, 0, line).map((span) => span.score)),
    );
  },
  async suggest(text, headings) {
    const headingStarts = new Set(headings.map((h) => h.start));
    const found: Span[] = [];
    let start = 0;
    for (const line of text.split('\n')) {
      if (line.trim() !== '' && !headingStarts.has(start)) {
        found.push(
          ...handWeightedParagraph(text, start, line).filter(
            (s) => s.score >= HAND_WEIGHTED_THRESHOLD,
          ),
        );
      }
      start += line.length + 1;
    }
    return found;
  },
};
