/**
 * What the re-ranker knows of one (query, candidate) pair, as numbers of similar scale.
 * The names are the model's columns (weights.json lists them): adding one means
 * retraining (`npm run train:matcher`).
 */

export const FEATURE_NAMES = [
  /** BM25 over every field, as a share of the most the query could score. */
  'bm25',
  /** The same, as a share of the best candidate's: how far behind the leader. */
  'bm25VsBest',
  /** BM25 over the claim's own statement only, as a share of the query's ceiling. */
  'bm25Claim',
  /** Share of the query's rare-word weight (idf) that the candidate contains. */
  'queryCovered',
  /** Share of the candidate statement's rare-word weight that the query contains. */
  'claimCovered',
  /** 1 for the best BM25 candidate, 1/2 for the second, ... */
  'reciprocalRank',
  /** The candidate states a number the query states too. */
  'numberShared',
  /** The candidate states numbers, none of which the query states. */
  'numberMissing',
  /** Share of the query's adjacent word pairs ("bed bugs", "Greta Thunberg") the candidate has too. */
  'pairs',
] as const;

export type FeatureName = (typeof FEATURE_NAMES)[number];
export type Features = Record<FeatureName, number>;

export function featureVector(features: Features): number[] {
  return FEATURE_NAMES.map((name) => features[name]);
}
