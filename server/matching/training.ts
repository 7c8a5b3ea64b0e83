/**
 * Training the re-ranker (deterministic: the same data always gives the same weights), in
 * two steps on the train split's BM25 candidates:
 *
 * 1. **Ranking** (pairwise): for each query, every pair of its repeat and another
 *    candidate is an example, "the repeat scores higher" (and the mirror pair the
 *    opposite). A model fitted this way learns what sets a repeat apart from the claims
 *    BM25 puts beside it, not what makes a query easy; measured on dev it ranks better
 *    than one fitted on candidates one by one (BENCHMARKS.md, "Claim matching").
 * 2. **Calibration**: the ranking score becomes a probability by a logistic fit over every
 *    candidate of every query asked twice: as it is, and with the claims it repeats left
 *    out of the index, all candidates then labelled 0. In the data every query has its
 *    repeat; on a news desk most new claims have none, and the second asking teaches the
 *    probability that being the best candidate is not enough. The calibration is
 *    monotone, so it keeps step 1's order, and folds into the weights (one linear model).
 *
 * The features are standardised on the training candidates; both fits are
 * checkworthiness/logistic.ts's full-batch logistic regression.
 */
import { type Example, trainLogistic } from '../checkworthiness/logistic';
import { FEATURE_NAMES, type FeatureName, type Features, QUERY_FEATURES } from './features';
import { type MatchDocument, Matcher } from './matcher';
import { Reranker, type RerankerWeights } from './reranker';
import { tokenize } from './tokenize';
import { learnTranslations, type TranslationPair, type TranslationTable } from './translations';

/**
 * How many of an asking's best candidates the probability is calibrated on: those a person
 * sees ("Checked before?" lists the best few), not the long tail BM25 also returns.
 */
export const SHOWN = 5;

export interface LabelledQuery {
  readonly text: string;
  readonly relevant: ReadonlySet<string>;
}

export interface LabelledCandidate {
  readonly features: Features;
  readonly label: 0 | 1;
  /** Which asking of which query it came from: pairs are made within one asking. */
  readonly asking: number;
  /** The asking had the query's repeats among the claims (pairs are made only there). */
  readonly withRepeat: boolean;
}

/** A re-ranker that weighs nothing: every candidate 0.5, for feature extraction. */
export function neutralReranker(features: readonly FeatureName[] = FEATURE_NAMES): Reranker {
  return new Reranker({
    features,
    means: features.map(() => 0),
    scales: features.map(() => 1),
    weights: features.map(() => 0),
    bias: 0,
  });
}

export function buildMatcher(
  collection: readonly MatchDocument[],
  reranker: Reranker,
  translations?: TranslationTable,
): Matcher {
  const matcher = new Matcher(reranker, translations);
  for (const document of collection) {
    matcher.upsert(document);
  }
  return matcher;
}

/** Each query's terms (as the matcher reads them) against the terms of each claim it repeats. */
export function translationPairs(
  matcher: Matcher,
  queries: readonly LabelledQuery[],
  collection: readonly MatchDocument[],
): TranslationPair[] {
  const documents = new Map(collection.map((document) => [document.id, document]));
  return queries.flatMap((query) => {
    const text = matcher.terms(query.text);
    return [...query.relevant].flatMap((id) => {
      const document = documents.get(id);
      return document
        ? [{ text, claim: [...tokenize(document.claim), ...tokenize(document.context)] }]
        : [];
    });
  });
}

/**
 * Folds of the cross-fitting below: each query's features come from translations learned
 * on the other folds' queries.
 */
export const TRANSLATION_FOLDS = 5;

/**
 * `candidatesOf`, with each query's translation features from a table learned without it
 * (5-fold cross-fitting): a table learned from a query's own pair translates it
 * perfectly, and a re-ranker fitted on that would trust translations far more than they
 * earn on text never seen (the server's, and dev's).
 */
export function crossFittedCandidates(
  matcher: Matcher,
  queries: readonly LabelledQuery[],
  collection: readonly MatchDocument[],
): LabelledCandidate[] {
  const shipped = matcher.translations;
  const inFold = (fold: number) => queries.filter((_, i) => i % TRANSLATION_FOLDS === fold);
  const candidates: LabelledCandidate[] = [];
  for (let fold = 0; fold < TRANSLATION_FOLDS; fold++) {
    const others = queries.filter((_, i) => i % TRANSLATION_FOLDS !== fold);
    matcher.translations = learnTranslations(translationPairs(matcher, others, collection));
    inFold(fold).forEach((query, k) => {
      candidates.push(...askingsOf(matcher, query, k * TRANSLATION_FOLDS + fold));
    });
  }
  matcher.translations = shipped;
  return candidates;
}

/** Every first-stage candidate of every query, with and without its repeats, labelled. */
export function candidatesOf(
  matcher: Matcher,
  queries: readonly LabelledQuery[],
): LabelledCandidate[] {
  return queries.flatMap((query, i) => askingsOf(matcher, query, i));
}

/** The candidates of the i-th query asked with its repeats among the claims and without. */
function askingsOf(matcher: Matcher, query: LabelledQuery, i: number): LabelledCandidate[] {
  return [
    ...matcher.match(query.text, matcher.candidates).map((result) => ({
      features: result.features,
      label: query.relevant.has(result.id) ? (1 as const) : (0 as const),
      asking: 2 * i,
      withRepeat: true,
    })),
    ...matcher.match(query.text, matcher.candidates, query.relevant).map((result) => ({
      features: result.features,
      label: 0 as const,
      asking: 2 * i + 1,
      withRepeat: false,
    })),
  ];
}

export function trainReranker(
  candidates: readonly LabelledCandidate[],
  features: readonly FeatureName[],
  trainedOn: string,
): RerankerWeights {
  const columns = features.map((name) => candidates.map((c) => c.features[name]));
  const means = columns.map((values) => values.reduce((s, v) => s + v, 0) / values.length);
  const scales = columns.map((values, j) => {
    const variance = values.reduce((s, v) => s + (v - means[j]) ** 2, 0) / values.length;
    return Math.sqrt(variance) || 1;
  });
  const standardised = candidates.map((candidate) =>
    features.map((name, j) => (candidate.features[name] - means[j]) / scales[j]),
  );
  const ranking = trainLogistic(pairsOf(candidates, standardised), features.length, {
    l2: 1e-3,
    iterations: 1500,
    learningRate: 0.05,
    positiveWeight: 1,
  }).weights;
  const rankingScores = standardised.map((x) => x.reduce((sum, v, j) => sum + v * ranking[j], 0));
  const shown = shownFirst(candidates, rankingScores);
  const levels = features.flatMap((name, j) => (QUERY_FEATURES.includes(name) ? [j] : []));
  const calibration = trainLogistic(
    shown.map((i) => ({
      indices: [0, ...levels.map((_, k) => k + 1)],
      values: [rankingScores[i], ...levels.map((j) => standardised[i][j])],
      label: candidates[i].label,
    })),
    1 + levels.length,
    { l2: 1e-4, iterations: 1500, learningRate: 0.05, positiveWeight: 1 },
  );
  const slope = calibration.weights[0];
  const weights = Array.from(ranking, (w) => w * slope);
  levels.forEach((j, k) => (weights[j] += calibration.weights[k + 1]));
  const round = (x: number) => Number(x.toPrecision(6));
  return {
    features,
    means: means.map(round),
    scales: scales.map(round),
    weights: weights.map(round),
    bias: round(calibration.bias),
    trainedOn,
  };
}

/** The candidates ranked in the first SHOWN of their asking: what calibration is fitted on. */
function shownFirst(candidates: readonly LabelledCandidate[], scores: readonly number[]): number[] {
  const byAsking = new Map<number, number[]>();
  candidates.forEach((candidate, i) => {
    byAsking.set(candidate.asking, [...(byAsking.get(candidate.asking) ?? []), i]);
  });
  return [...byAsking.values()].flatMap((members) =>
    [...members].sort((x, y) => scores[y] - scores[x] || x - y).slice(0, SHOWN),
  );
}

/** Each repeat against each other candidate of its asking, both ways round. */
function pairsOf(
  candidates: readonly LabelledCandidate[],
  standardised: readonly number[][],
): Example[] {
  const byAsking = new Map<number, number[]>();
  candidates.forEach((candidate, i) => {
    if (candidate.withRepeat) {
      byAsking.set(candidate.asking, [...(byAsking.get(candidate.asking) ?? []), i]);
    }
  });
  const indices = standardised[0]?.map((_, j) => j) ?? [];
  const pairs: Example[] = [];
  for (const members of byAsking.values()) {
    for (const repeat of members.filter((i) => candidates[i].label === 1)) {
      for (const other of members.filter((i) => candidates[i].label === 0)) {
        const difference = standardised[repeat].map((v, j) => v - standardised[other][j]);
        pairs.push({ indices, values: difference, label: 1 });
        pairs.push({ indices, values: difference.map((v) => -v), label: 0 });
      }
    }
  }
  return pairs;
}
