/**
 * What the re-ranker knows of one (query, candidate) pair, as numbers of similar scale.
 * The names are the model's columns (weights.json lists them): adding one means
 * retraining (`npm run train:matcher`).
 */

export type FeatureName = (typeof FEATURE_NAMES)[number];

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
  /** The candidate states a number the query states too. */
  'numberShared',
  /** The candidate states numbers, none of which the query states. */
  'numberMissing',
  /** Share of the query's adjacent word pairs ("bed bugs", "Greta Thunberg") the candidate has too. */
  'pairs',
  /** BM25 over the other wording only (quote and summary; a Snopes title). */
  'bm25Context',
  /** Cosine of idf-weighted character 3-5-grams (char-grams.ts): spelling that differs. */
  'charSim',
  /** Longest run of consecutive terms the query and the candidate share (a quoted phrase), up to 6, in sixths. */
  'run',
  /** BM25 of the text without a tweet's signature ("— Name (@handle) date"), as a share of its ceiling. */
  'bm25Body',
  /** Share of the signature's author words (idf-weighted) the candidate names. */
  'author',
  /** The candidate states the year of the tweet's date. */
  'yearShared',
  /** The candidate states a number the text states outside its signature. */
  'bodyNumberShared',
  /** Character-gram similarity of the text without its signature. */
  'charSimBody',
  /** Share of the text's rare-word weight the candidate's words translate (translations.ts). */
  'translated',
  /** The same for the text's words the candidate lacks: what only a translation bridges. */
  'bridged',
  /**
   * The same for every candidate of a query: how well its best candidate matches, in
   * words (BM25 share) and in spelling (char grams). They do not order the candidates of
   * one query; they say whether the query has a repeat at all (the probability's level).
   */
  'bestBm25',
  'bestCharSim',
] as const;

/** Features with one value per query (set from all its candidates): calibration only. */
export const QUERY_FEATURES: readonly FeatureName[] = ['bestBm25', 'bestCharSim'];

export type Features = Record<FeatureName, number>;

export function featureVector(features: Features): number[] {
  return FEATURE_NAMES.map((name) => features[name]);
}
