/**
 * Training the re-ranker (deterministic: the same data always gives the same weights):
 * every BM25 candidate of every training query is an example, labelled 1 when the query
 * repeats it. Each query is asked twice: as it is, and with the claims it repeats left out
 * of the index, all candidates then labelled 0. In the data every query has its repeat;
 * on a news desk most new claims have none, and the second asking teaches the model that
 * being the best candidate is not enough (so a score means the same with or without a
 * real repeat among the claims). The features are standardised on the training
 * examples; the model is checkworthiness/logistic.ts's full-batch logistic regression.
 */
import { trainLogistic } from '../checkworthiness/logistic';
import { FEATURE_NAMES, type FeatureName, type Features } from './features';
import { CANDIDATES, type MatchDocument, Matcher } from './matcher';
import { Reranker, type RerankerWeights } from './reranker';

export interface LabelledQuery {
  readonly text: string;
  readonly relevant: ReadonlySet<string>;
}

export interface LabelledCandidate {
  readonly features: Features;
  readonly label: 0 | 1;
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

export function buildMatcher(collection: readonly MatchDocument[], reranker: Reranker): Matcher {
  const matcher = new Matcher(reranker);
  for (const document of collection) {
    matcher.upsert(document);
  }
  return matcher;
}

/** Every first-stage candidate of every query, with and without its repeats, labelled. */
export function candidatesOf(
  matcher: Matcher,
  queries: readonly LabelledQuery[],
): LabelledCandidate[] {
  return queries.flatMap((query) => [
    ...matcher.match(query.text, CANDIDATES).map((result) => ({
      features: result.features,
      label: query.relevant.has(result.id) ? (1 as const) : (0 as const),
    })),
    ...matcher.match(query.text, CANDIDATES, query.relevant).map((result) => ({
      features: result.features,
      label: 0 as const,
    })),
  ]);
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
  const indices = features.map((_, j) => j);
  const examples = candidates.map((candidate) => ({
    indices,
    values: features.map((name, j) => (candidate.features[name] - means[j]) / scales[j]),
    label: candidate.label,
  }));
  const model = trainLogistic(examples, features.length, {
    l2: 1e-4,
    iterations: 1500,
    learningRate: 0.05,
    positiveWeight: 1,
  });
  const round = (x: number) => Number(x.toPrecision(6));
  return {
    features,
    means: means.map(round),
    scales: scales.map(round),
    weights: Array.from(model.weights, round),
    bias: round(model.bias),
    trainedOn,
  };
}
