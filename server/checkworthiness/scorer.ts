/**
 * Check-worthiness scores for an article's text, for the suggester: every
 * sentence scored in its place (speaker, turn, kind of text), and any span of
 * the text (a clause) scored in the context of its sentence.
 */
import type { Token } from '../suggestions/parse';
import {
  analyseSentences,
  analyseText,
  analyseTextYielding,
  type AnalysedSentence,
  type TextParagraph,
} from './analyse';
import { contextsOf } from './corpus';
import type { SentenceContext } from './features';
import {
  loadModel,
  neighbourLogOdds,
  readWords,
  scoreReading,
  scoreWords,
  SUGGESTED_AT,
  type CheckworthinessModel,
  type Reading,
  type WorthinessScore,
} from './model';

export interface ScoredSentence extends WorthinessScore {
  readonly start: number;
  readonly end: number;
  readonly quote: string;
  /** At or above SUGGESTED_AT. */
  readonly suggested: boolean;
}

export class TextScorer {
  /** The text's paragraphs as read, in text order (their sentences are scoreSentences' order). */
  readonly paragraphs: readonly TextParagraph[];
  private readonly sentences: readonly AnalysedSentence[];
  private readonly contexts: readonly SentenceContext[];
  /** A transcript (speakers' turns): only there do neighbours count (model.ts scoreReading). */
  private readonly isTranscript: boolean;
  /** Each sentence's own reading, made when first needed (its own score or a neighbour's). */
  private readonly readings: (Reading | undefined)[] = [];

  /**
   * Reads the text once (headings, by their start offsets, left out), or
   * takes `paragraphs` already read from it (see `read`).
   */
  constructor(
    readonly text: string,
    headingStarts: Iterable<number> = [],
    private readonly model: CheckworthinessModel = loadModel(),
    paragraphs?: readonly TextParagraph[],
  ) {
    this.paragraphs = paragraphs ?? analyseText(text, new Set(headingStarts));
    this.sentences = this.paragraphs.flatMap((p) => p.sentences);
    this.contexts = contextsOf(this.paragraphs);
    this.isTranscript = this.paragraphs.some((p) => p.speaker !== null);
  }

  /** The same as the constructor, letting other requests run while compromise reads a long text. */
  static async read(
    text: string,
    headingStarts: Iterable<number> = [],
    model: CheckworthinessModel = loadModel(),
  ): Promise<TextScorer> {
    const paragraphs = await analyseTextYielding(text, new Set(headingStarts));
    return new TextScorer(text, [], model, paragraphs);
  }

  /** Every sentence, in text order, with its score and whether it is suggested. */
  scoreSentences(threshold = SUGGESTED_AT): ScoredSentence[] {
    return this.sentences.map((_sentence, i) => this.scoreSentence(i, threshold));
  }

  /** The `index`th sentence in text order, scored (a long text's callers score it in slices). */
  scoreSentence(index: number, threshold = SUGGESTED_AT): ScoredSentence {
    const sentence = this.sentences[index];
    const scored = scoreReading(this.model, this.reading(index), this.neighbours(index));
    return {
      start: sentence.start,
      end: sentence.end,
      quote: this.text.slice(sentence.start, sentence.end),
      ...scored,
      suggested: scored.score >= threshold,
    };
  }

  /**
   * A span of the text (a clause of one of its sentences) scored in that
   * sentence's context; `asks` when the sentence is a question.
   */
  scoreSpan(start: number, end: number, asks?: boolean): WorthinessScore {
    const at = this.sentenceAt(start);
    const context = this.contexts[Math.max(0, at)] ?? STANDALONE_CONTEXT;
    const sentence = this.sentences[at];
    // Inside one sentence, its words as already read (tagged in their sentence): no second reading.
    const words =
      sentence && end <= sentence.end
        ? sentence.words.filter((w) => w.start >= start && w.end <= end)
        : analyseSentences(this.text.slice(start, end), start, true)[0]?.words;
    return words && words.length > 0
      ? scoreWords(this.model, words, context, asks, at >= 0 ? this.neighbours(at) : undefined)
      : { score: 0, reasons: [] };
  }

  private reading(index: number): Reading {
    this.readings[index] ??= readWords(
      this.model,
      this.sentences[index].words,
      this.contexts[index],
    );
    return this.readings[index];
  }

  /**
   * The best own log-odds beside the `index`th sentence, in a transcript (see
   * model.ts scoreReading). The weight was learnt on exchanges in talk, where
   * a reply ("That's wrong.") is checked with the claim it answers; an
   * article's sentences stand on their own.
   */
  private neighbours(index: number): number | undefined {
    return this.isTranscript
      ? neighbourLogOdds((i) => this.reading(i).logOdds, index, this.sentences.length)
      : undefined;
  }

  /** The index of the sentence holding offset `at`, or -1 (sentences are in text order). */
  private sentenceAt(at: number): number {
    let low = 0;
    let high = this.sentences.length - 1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      const sentence = this.sentences[middle];
      if (at < sentence.start) {
        high = middle - 1;
      } else if (at >= sentence.end) {
        low = middle + 1;
      } else {
        return middle;
      }
    }
    return -1;
  }

  /**
   * The same role as server/suggestions/score.ts's scoreClause: a clause's
   * tokens (server/suggestions/parse.ts) scored. The clause is read again
   * from the text, so its words are tagged as the model was trained.
   */
  scoreClause(tokens: readonly Token[], isQuestion: boolean): WorthinessScore {
    const written = tokens.filter((t) => t.text !== '');
    if (written.length === 0) {
      return { score: 0, reasons: [] };
    }
    return this.scoreSpan(written[0].start, written[written.length - 1].end, isQuestion);
  }
}

const STANDALONE_CONTEXT: SentenceContext = {
  speakerShare: 1,
  speakerQuestions: 0,
  turnSentences: 1,
  indexInTurn: 0,
  afterQuestion: false,
  documentTalk: 0,
  documentSentenceLength: 1,
  disputed: false,
  echoed: 0,
};
