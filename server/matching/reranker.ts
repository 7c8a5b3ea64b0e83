/**
 * The re-ranker: one linear model over the features of a (query, candidate) pair, through
 * a sigmoid: the probability that the query repeats the candidate. Trained on the train
 * split of the claim-matching data by `npm run train:matcher` (train.ts, training.ts):
 * pairwise for the order, then calibrated on the best candidates of queries asked with
 * and without their repeat, so its probability is that of a candidate the matcher shows,
 * comparable across queries.
 */
import { readFileSync } from 'node:fs';
import { sigmoid } from '../checkworthiness/logistic';
import { FEATURE_NAMES, type Features } from './features';

export interface RerankerWeights {
  readonly features: readonly string[];
  /** Applied to the standardised features: (value - mean) / scale. */
  readonly means: readonly number[];
  readonly scales: readonly number[];
  readonly weights: readonly number[];
  readonly bias: number;
  /** What it was trained on and how (for people reading the file). */
  readonly trainedOn?: string;
}

export const WEIGHTS_FILE = new URL('./weights.json', import.meta.url);

export class Reranker {
  constructor(private readonly model: RerankerWeights) {
    // A feature the matcher no longer computes would silently weigh nothing: refuse.
    if (model.features.some((name) => !(FEATURE_NAMES as readonly string[]).includes(name))) {
      throw new Error(`re-ranker weights name unknown features: ${model.features.join(', ')}`);
    }
  }

  static load(file: URL | string = WEIGHTS_FILE): Reranker {
    return new Reranker(JSON.parse(readFileSync(file, 'utf8')) as RerankerWeights);
  }

  probability(features: Features): number {
    let z = this.model.bias;
    this.model.features.forEach((name, k) => {
      const value = features[name as keyof Features];
      z += (this.model.weights[k] * (value - this.model.means[k])) / this.model.scales[k];
    });
    return sigmoid(z);
  }
}
