/**
 * Logistic regression on sparse features, small enough to read and test.
 * Training is full-batch (every example, in the order given, each step) with
 * Adam and an L2 penalty: no random sampling, so the same examples always give
 * the same weights, bit for bit.
 */

export interface Example {
  /** Indices of the features present. */
  readonly indices: readonly number[];
  /** Their values, in the same order (1 for a plain yes). */
  readonly values: readonly number[];
  readonly label: 0 | 1;
  /**
   * A target between 0 and 1 in place of `label`: the example counts as that
   * share of a positive one (weighted as such) and the rest of a negative one.
   */
  readonly target?: number;
}

export interface TrainOptions {
  /** Strength of the L2 penalty on the weights (not the bias). */
  readonly l2: number;
  readonly iterations: number;
  readonly learningRate: number;
  /**
   * How much a positive example weighs against a negative one. With the
   * inverse class ratio, the model's probabilities are those of a world where
   * both classes are equally common (see model.ts).
   */
  readonly positiveWeight: number;
  /**
   * Features whose weight may only be ≤ 0 (-1) or ≥ 0 (1), by index: what a
   * fact-checker's choices in 19 transcripts cannot teach reliably (an
   * insult is no claim; a speaker's own record is one) is kept from pointing
   * the wrong way.
   */
  readonly signs?: ReadonlyMap<number, -1 | 1>;
}

export interface LogisticModel {
  readonly weights: Float64Array;
  bias: number;
}

export function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

export function linear(model: LogisticModel, example: Pick<Example, 'indices' | 'values'>): number {
  let z = model.bias;
  for (let k = 0; k < example.indices.length; k++) {
    z += model.weights[example.indices[k]] * example.values[k];
  }
  return z;
}

export function trainLogistic(
  examples: readonly Example[],
  featureCount: number,
  options: TrainOptions,
): LogisticModel {
  const model: LogisticModel = { weights: new Float64Array(featureCount), bias: 0 };
  // The examples packed into flat arrays (compressed rows): the loop below runs thousands of times.
  const offsets = new Int32Array(examples.length + 1);
  examples.forEach((e, i) => (offsets[i + 1] = offsets[i] + e.indices.length));
  const indices = Int32Array.from(examples.flatMap((e) => e.indices));
  const values = Float64Array.from(examples.flatMap((e) => e.values));
  const targetOf = (e: Example) => e.target ?? e.label;
  const weightOf = (e: Example) => targetOf(e) * options.positiveWeight + (1 - targetOf(e));
  const total = examples.reduce((sum, e) => sum + weightOf(e), 0);
  const scaled = Float64Array.from(examples, (e) => weightOf(e) / total);
  const labels = Float64Array.from(examples, targetOf);
  // Adam's moving averages; index featureCount is the bias.
  const m = new Float64Array(featureCount + 1);
  const v = new Float64Array(featureCount + 1);
  const gradient = new Float64Array(featureCount + 1);
  const [beta1, beta2, epsilon] = [0.9, 0.999, 1e-8];
  const weights = model.weights;
  for (let step = 1; step <= options.iterations; step++) {
    gradient.fill(0);
    for (let i = 0; i < examples.length; i++) {
      let z = model.bias;
      for (let k = offsets[i]; k < offsets[i + 1]; k++) {
        z += weights[indices[k]] * values[k];
      }
      const error = (sigmoid(z) - labels[i]) * scaled[i];
      for (let k = offsets[i]; k < offsets[i + 1]; k++) {
        gradient[indices[k]] += error * values[k];
      }
      gradient[featureCount] += error;
    }
    for (let j = 0; j < featureCount; j++) {
      gradient[j] += options.l2 * model.weights[j];
    }
    const correction1 = 1 - beta1 ** step;
    const correction2 = 1 - beta2 ** step;
    for (let j = 0; j <= featureCount; j++) {
      m[j] = beta1 * m[j] + (1 - beta1) * gradient[j];
      v[j] = beta2 * v[j] + (1 - beta2) * gradient[j] * gradient[j];
      const delta =
        (options.learningRate * (m[j] / correction1)) / (Math.sqrt(v[j] / correction2) + epsilon);
      if (j === featureCount) {
        model.bias -= delta;
      } else {
        model.weights[j] -= delta;
      }
    }
    // Projected descent: a weight that crossed its allowed sign stops at zero.
    for (const [j, sign] of options.signs ?? []) {
      if (model.weights[j] * sign < 0) {
        model.weights[j] = 0;
      }
    }
  }
  return model;
}
