/**
 * The trained check-worthiness model: its weights (weights.json, written by
 * `npm run train:suggester`) and scoring with them. A score is a probability,
 * the same function of a sentence in any document: the chance that a
 * fact-checker would choose the sentence, had chosen and passed-over sentences
 * been equally common in the training transcripts (they chose about 1 in 37;
 * multiply the odds p / (1 − p) by 1/36 for the raw chance). A passed-over
 * sentence beside a chosen one was trained as half chosen (training.ts
 * `besideChosen`): fact-checkers choose passages, so the score reads "this
 * sentence or the passage it is in". Even odds keep the scores spread over
 * 0..1, so one threshold and a sensitivity control read naturally.
 */
import { readFileSync } from 'node:fs';
import type { Word } from './analyse';
import { describe } from './descriptions';
import { namedFeatures, type SentenceContext } from './features';
import { PAIR_VALUE, pairFeatures, pairParts } from './interactions';
import { sigmoid } from './logistic';
import { wordFeatures, wordValue } from './words';

/**
 * At or above this a sentence is suggested. Set where the seed article (news
 * prose, nearly every sentence a claim) keeps 85% of its claims (87%); on the
 * training transcripts, held out one at a time, it suggests about one
 * sentence in nine and half of those the fact-checkers chose (BENCHMARKS.md).
 */
export const SUGGESTED_AT = 0.6;

/** A bare "he said" is scored with the claim it introduces, never alone: at most this. */
const BARE_ATTRIBUTION_CAP = 0.2;

export interface ModelFile {
  readonly about: string;
  readonly trainedOn: {
    readonly documents: number;
    readonly sentences: number;
    readonly chosen: number;
  };
  readonly options: Readonly<Record<string, number>>;
  readonly bias: number;
  /** See CheckworthinessModel.neighbourWeight. */
  readonly neighbourWeight?: number;
  /**
   * Feature id → weight; named features by name, words as "w:word" or "w:two words",
   * pairs of named features as "x:first|second" (interactions.ts).
   */
  readonly weights: Readonly<Record<string, number>>;
}

export interface CheckworthinessModel {
  readonly bias: number;
  readonly weights: ReadonlyMap<string, number>;
  /** How much the best neighbour's own log-odds count (see scoreReading); 0 in older files. */
  readonly neighbourWeight: number;
}

export interface WorthinessScore {
  /** Probability, 0..1 (see above), three decimals. */
  readonly score: number;
  /** The features that counted most, in words, those that raised it first. */
  readonly reasons: string[];
}

export const WEIGHTS_FILE = new URL('./weights.json', import.meta.url);

export function modelFrom(file: ModelFile): CheckworthinessModel {
  return {
    bias: file.bias,
    weights: new Map(Object.entries(file.weights)),
    neighbourWeight: file.neighbourWeight ?? 0,
  };
}

let loaded: CheckworthinessModel | null = null;

/** The committed model, read once (the server calls this at start so a missing file fails early). */
export function loadModel(): CheckworthinessModel {
  loaded ??= modelFrom(JSON.parse(readFileSync(WEIGHTS_FILE, 'utf8')) as ModelFile);
  return loaded;
}

/**
 * Features of the whole text (what kind of text, whose voice): they count,
 * but say nothing about one sentence against the others, so they are no reason.
 */
const WHOLE_TEXT = new Set(['talk', 'long sentences', 'main speaker']);

/** Word features stand "#" for a figure and "N" for a name (words.ts). */
const spelled = (key: string) => (key === '#' ? '(figure)' : key === 'N' ? '(name)' : key);
/**
 * Words that carry grammar, not meaning: as a reason ("fact-checkers often chose “the”")
 * they tell an editor nothing. Modal and personal words ("should", "we") stay: they do.
 */
const GRAMMAR_WORDS = new Set(
  'a an the of to in on at by for from with into about as and or but if so than that it its be have do'.split(
    ' ',
  ),
);

/**
 * A word feature an editor can read as a reason: not grammar words alone ("the", "to be")
 * nor a bare figure or name, which the named features say already. It counts all the same.
 */
const nameable = (word: string) =>
  word.split(' ').some((part) => part !== '#' && part !== 'N' && !GRAMMAR_WORDS.has(part));

/** Below this a contribution (in log-odds) is not worth a reason. */
const NOTEWORTHY = 0.1;

/**
 * Features that name who or what a sentence is about: given as a reason whenever
 * they raise the score at all, since an editor checks a claim against whom it names.
 */
const NAMING = new Set(['person', 'place', 'organisation']);

interface Counted {
  readonly reason: string;
  readonly contribution: number;
  /** One of NAMING. */
  readonly names?: boolean;
}

/** A sentence's (or clause's) own log-odds and what made them, before its neighbours count. */
export interface Reading {
  readonly logOdds: number;
  readonly counted: readonly Counted[];
  /** Only says who spoke ("he said"): capped (see scoreReading). */
  readonly bare: boolean;
}

/** Reads a sentence's (or clause's) words in their context: its own log-odds and their reasons. */
export function readWords(
  model: CheckworthinessModel,
  words: readonly Word[],
  context: SentenceContext,
  asks?: boolean,
): Reading {
  const named = namedFeatures(words, context, asks);
  let z = model.bias;
  const counted: Counted[] = [];
  // A pair's weight is shared equally by its two features: each reason says what its feature did, alone and with the others.
  const shared = new Map<string, number>();
  for (const pair of pairFeatures(named)) {
    const contribution = (model.weights.get(pair) ?? 0) * PAIR_VALUE;
    if (contribution !== 0) {
      z += contribution;
      for (const part of pairParts(pair)) {
        shared.set(part, (shared.get(part) ?? 0) + contribution / 2);
      }
    }
  }
  for (const feature of named) {
    const contribution = (model.weights.get(feature.id) ?? 0) * feature.value;
    z += contribution;
    if (!WHOLE_TEXT.has(feature.id)) {
      counted.push({
        reason: describe(feature),
        contribution: contribution + (shared.get(feature.id) ?? 0),
        names: NAMING.has(feature.id),
      });
    }
  }
  const wordParts: { word: string; contribution: number }[] = [];
  const ids = wordFeatures(words);
  const value = wordValue(ids.length);
  for (const id of ids) {
    const contribution = (model.weights.get(id) ?? 0) * value;
    if (contribution !== 0) {
      z += contribution;
      wordParts.push({ word: id.slice(2), contribution });
    }
  }
  // Words are many small weights: named in one reason each way, the strongest first.
  for (const sign of [1, -1]) {
    const side = wordParts
      .filter((p) => p.contribution * sign > 0.1)
      .sort((a, b) => (b.contribution - a.contribution) * sign);
    const sum = side.reduce((total, p) => total + p.contribution, 0);
    const named = side
      .filter((p) => nameable(p.word))
      .slice(0, 4)
      .map((p) => `“${p.word.split(' ').map(spelled).join(' ')}”`)
      .join(', ');
    if (named) {
      counted.push({
        reason: `${sign > 0 ? 'words fact-checkers often chose' : 'words fact-checkers seldom chose'}: ${named}`,
        contribution: sum,
      });
    }
  }
  return { logOdds: z, counted, bare: named.some((f) => f.id === 'bare attribution') };
}

/** A neighbour counts up to this much own log-odds: one very strong claim does not carry the next sentence. */
const NEIGHBOUR_CAP = 2;

/**
 * The highest own log-odds (at most NEIGHBOUR_CAP) of the sentences either
 * side of the `index`th, in text order and whoever speaks them, or undefined
 * for a text of one sentence.
 */
export function neighbourLogOdds(
  own: (i: number) => number,
  index: number,
  count: number,
): number | undefined {
  const sides = [index - 1, index + 1].filter((i) => i >= 0 && i < count);
  return sides.length > 0 ? Math.min(NEIGHBOUR_CAP, Math.max(...sides.map(own))) : undefined;
}

/**
 * A reading's score: its own log-odds, and a share (the model's
 * `neighbourWeight`) of the best neighbour's, in a transcript. Fact-checkers
 * choose passages: a claim's neighbours are often chosen with it (a quarter of
 * the chosen sentences follow a chosen one), and "That's wrong." in reply is
 * checked with the claim it answers.
 */
export function scoreReading(
  model: CheckworthinessModel,
  reading: Reading,
  neighbours?: number,
): WorthinessScore {
  const counted = [...reading.counted];
  let z = reading.logOdds;
  if (neighbours !== undefined && model.neighbourWeight !== 0) {
    const contribution = model.neighbourWeight * neighbours;
    z += contribution;
    counted.push({
      reason:
        contribution > 0
          ? 'stands beside a sentence that scores high'
          : 'stands among sentences that score low',
      contribution,
    });
  }
  const reasons = counted
    .filter((c) => Math.abs(c.contribution) >= NOTEWORTHY || (c.names && c.contribution > 0))
    .sort((a, b) => b.contribution - a.contribution)
    .map((c) => (c.contribution > 0 ? c.reason : `${c.reason} (lowers the score)`));
  let probability = sigmoid(z);
  if (reading.bare && probability > BARE_ATTRIBUTION_CAP) {
    probability = BARE_ATTRIBUTION_CAP;
    reasons.unshift('only says who spoke: a suggestion needs the claim it introduces');
  }
  return { score: Math.round(probability * 1000) / 1000, reasons };
}

/** Scores a sentence's (or clause's) words in their context; `neighbours` as in scoreReading. */
export function scoreWords(
  model: CheckworthinessModel,
  words: readonly Word[],
  context: SentenceContext,
  asks?: boolean,
  neighbours?: number,
): WorthinessScore {
  return scoreReading(model, readWords(model, words, context, asks), neighbours);
}

/** Every sentence of a transcript (words and contexts in text order) scored with its neighbours. */
export function scoreInOrder(
  model: CheckworthinessModel,
  sentences: readonly (readonly Word[])[],
  contexts: readonly SentenceContext[],
): WorthinessScore[] {
  const readings = sentences.map((words, i) => readWords(model, words, contexts[i]));
  const own = (i: number) => readings[i].logOdds;
  return readings.map((reading, i) =>
    scoreReading(model, reading, neighbourLogOdds(own, i, readings.length)),
  );
}
