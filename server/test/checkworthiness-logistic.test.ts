import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { averagePrecision, precisionAt } from '../checkworthiness/evaluate';
import { linear, sigmoid, trainLogistic, type Example } from '../checkworthiness/logistic';

/**
 * A toy problem: feature 0 says "yes" (9 times in 10), feature 1 says "no",
 * feature 2 is noise present everywhere. Positives are 1 in 5.
 */
function toyExamples(): Example[] {
  const examples: Example[] = [];
  for (let i = 0; i < 200; i++) {
    const positive = i % 5 === 0;
    const signal = positive ? i % 50 !== 0 : i % 40 === 1;
    const indices = signal ? [0, 2] : [1, 2];
    examples.push({ indices, values: indices.map(() => 1), label: positive ? 1 : 0 });
  }
  return examples;
}

const options = { l2: 0.001, iterations: 400, learningRate: 0.1, positiveWeight: 1 };

describe('logistic regression', () => {
  it('is numerically stable at both ends', () => {
    assert.equal(sigmoid(0), 0.5);
    assert.ok(sigmoid(800) <= 1 && sigmoid(800) > 0.999);
    assert.ok(sigmoid(-800) >= 0 && sigmoid(-800) < 0.001);
  });

  it('trains an example with target ½ as half a positive and half a negative one', () => {
    const soft = toyExamples().map((e, i) =>
      i % 7 === 3 ? { ...e, label: 0 as const, target: 0.5 } : e,
    );
    const paired = toyExamples().flatMap((e, i) =>
      i % 7 === 3
        ? [
            { ...e, label: 1 as const },
            { ...e, label: 0 as const },
          ]
        : [e, e],
    );
    const a = trainLogistic(soft, 3, options);
    const b = trainLogistic(paired, 3, options);
    for (let j = 0; j < 3; j++) {
      assert.ok(Math.abs(a.weights[j] - b.weights[j]) < 1e-9, `${a.weights[j]} vs ${b.weights[j]}`);
    }
    assert.ok(Math.abs(a.bias - b.bias) < 1e-9);
  });

  it('learns a toy problem: the telling feature up, its opposite down, probabilities near the truth', () => {
    const examples = toyExamples();
    const model = trainLogistic(examples, 3, options);
    assert.ok(model.weights[0] > 1, `${model.weights[0]}`);
    assert.ok(model.weights[1] < -1, `${model.weights[1]}`);
    // With feature 0, 36 of the 40 examples are positive: the model should say about 0.9.
    const withSignal = sigmoid(linear(model, { indices: [0, 2], values: [1, 1] }));
    assert.ok(Math.abs(withSignal - 36 / 40) < 0.05, `${withSignal}`);
    const without = sigmoid(linear(model, { indices: [1, 2], values: [1, 1] }));
    assert.ok(Math.abs(without - 4 / 160) < 0.03, `${without}`);
  });

  it('with positives weighted by the class ratio, gives the probabilities of even odds', () => {
    const examples = toyExamples();
    const balanced = trainLogistic(examples, 3, { ...options, positiveWeight: 4 });
    const withSignal = sigmoid(linear(balanced, { indices: [0, 2], values: [1, 1] }));
    // Odds 36:4 become 36·4:4 = 36:1 once positives count four times.
    assert.ok(Math.abs(withSignal - 36 / 37) < 0.03, `${withSignal}`);
  });

  it('gives identical weights when trained twice on the same examples', () => {
    const a = trainLogistic(toyExamples(), 3, options);
    const b = trainLogistic(toyExamples(), 3, options);
    assert.deepEqual([...a.weights, a.bias], [...b.weights, b.bias]);
  });

  it('keeps a sign-constrained weight from pointing the wrong way', () => {
    const signs = new Map<number, -1 | 1>([[0, -1]]);
    const model = trainLogistic(toyExamples(), 3, { ...options, signs });
    assert.equal(model.weights[0], 0);
    assert.ok(model.weights[1] < 0);
  });
});

describe('ranking measures', () => {
  it('average precision and precision at k, ties kept in document order', () => {
    assert.equal(averagePrecision([0.9, 0.8, 0.1], [1, 0, 1]), (1 + 2 / 3) / 2);
    assert.equal(averagePrecision([0.1, 0.2], [0, 0]), 0);
    // All tied: the order is the document's, so a flat scorer gets no credit it did not earn.
    assert.equal(averagePrecision([0.5, 0.5, 0.5, 0.5], [0, 0, 0, 1]), 1 / 4);
    assert.equal(precisionAt(2, [0.9, 0.8, 0.7], [1, 0, 1]), 0.5);
  });
});
