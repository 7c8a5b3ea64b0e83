/**
 * The two scorers the benchmark compares, behind one shape: the trained model
 * (this folder) and the hand-weighted scorer (server/suggestions/score.ts
 * through its suggester), each scoring a training transcript's sentences and
 * an article's text.
 */
import type { Heading } from '../../src/domain/claim';
import { scoreParagraph, scoreText, SUGGESTION_THRESHOLD } from '../suggestions/suggester';
import { contextsOf, type LabelledDocument } from './corpus';
import { scoreWords, SUGGESTED_AT, type CheckworthinessModel } from './model';
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

export function trainedScorer(model: CheckworthinessModel): BenchScorer {
  return {
    name: 'trained model (server/checkworthiness)',
    threshold: SUGGESTED_AT,
    transcript(document) {
      const contexts = contextsOf(document.paragraphs);
      return document.paragraphs
        .flatMap((p) => p.sentences)
        .map((sentence, i) => scoreWords(model, sentence.words, contexts[i]).score);
    },
    async suggest(text, headings) {
      const scorer = new TextScorer(
        text,
        headings.map((h) => h.start),
        model,
      );
      return scorer.scoreSentences().filter((s) => s.suggested);
    },
  };
}

/**
 * The hand-weighted scorer: a transcript line is scored as the suggester
 * scores a paragraph (its clauses, merged where weak) and a sentence takes
 * the best score of its clauses.
 */
export const handWeightedScorer: BenchScorer = {
  name: 'hand-weighted scorer (server/suggestions/score.ts)',
  threshold: SUGGESTION_THRESHOLD,
  transcript(document) {
    return document.texts.map((line) =>
      Math.max(0, ...scoreParagraph(line, 0, line).map((span) => span.score)),
    );
  },
  async suggest(text, headings) {
    return (await scoreText(text, headings)).filter((s) => s.offered);
  },
};
