/**
 * Training the check-worthiness model: reproducible on small transcripts made
 * here; and, where the training data is beside the project
 * (../shared/data/checkworthiness), reproducible on a slice of it and bounded
 * in precision as well as recall on a transcript it did not train on.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  hasTrainingData,
  readTrainingDocuments,
  readTranscript,
  TRAINING_DIR,
} from '../checkworthiness/corpus';
import { averagePrecision, scoreDocument } from '../checkworthiness/evaluate';
import { modelFrom, SUGGESTED_AT } from '../checkworthiness/model';
import { DEFAULT_OPTIONS, trainModel } from '../checkworthiness/training';

/** A made-up debate: the fact-checker chose the sentences with figures and records. */
function madeUpTranscript(name: string, seed: number) {
  const lines: string[] = [];
  const say = (speaker: string, text: string, label: 0 | 1) =>
    lines.push(`${lines.length + 1}\t${speaker}\t${text}\t${label}`);
  for (let i = 0; i < 12; i++) {
    const n = (seed * 7 + i * 13) % 90;
    say('MODERATOR', `Senator, what would you do about jobs in round ${i}?`, 0);
    say('SMITH', 'Thank you for the question.', 0);
    say('SMITH', `We created ${n + 10} thousand jobs in Ohio since ${2000 + n}.`, 1);
    say('SMITH', 'I think my opponent is wrong about that.', 0);
    say(
      'JONES',
      `Unemployment fell to ${(n % 9) + 2} percent when I was governor.`,
      i % 2 === 0 ? 1 : 0,
    );
    say('JONES', 'That is not true, and everybody knows it.', 0);
  }
  return readTranscript(name, lines.join('\n'));
}

const dataMissing = hasTrainingData() ? false : `no training data at ${TRAINING_DIR}`;

describe('training the check-worthiness model', () => {
  it('gives identical weights when trained twice on the same documents', () => {
    const documents = [
      madeUpTranscript('a', 1),
      madeUpTranscript('b', 2),
      madeUpTranscript('c', 3),
    ];
    const options = { ...DEFAULT_OPTIONS, minDocuments: 2, iterations: 120 };
    const first = trainModel(documents, options);
    const second = trainModel(
      [madeUpTranscript('a', 1), madeUpTranscript('b', 2), madeUpTranscript('c', 3)],
      options,
    );
    assert.deepEqual(second, first);
    assert.equal(first.trainedOn.sentences, 3 * 72);
    // It learnt something sensible from them: figures up, questions down.
    assert.ok((first.weights['figure'] ?? 0) > 0, JSON.stringify(first.weights));
    assert.ok((first.weights['question'] ?? 0) <= 0);
    const held = madeUpTranscript('d', 4);
    const scores = scoreDocument(modelFrom(first), held);
    assert.ok(averagePrecision(scores, held.labels) > 0.8);
  });

  it(
    'gives identical weights when trained twice on a slice of the training data',
    { skip: dataMissing },
    () => {
      const slice = () => readTrainingDocuments(undefined, 3);
      const options = { ...DEFAULT_OPTIONS, iterations: 60 };
      assert.deepEqual(trainModel(slice(), options), trainModel(slice(), options));
    },
  );

  it(
    'on a debate it never saw, suggests few sentences, most of the chosen among them, with precision well over chance',
    { skip: dataMissing },
    () => {
      const documents = readTrainingDocuments();
      const held = documents.find((d) => d.name === '20161010_2pres');
      assert.ok(held, 'the second 2016 presidential debate is in the training data');
      const model = modelFrom(
        trainModel(
          documents.filter((d) => d !== held),
          DEFAULT_OPTIONS,
        ),
      );
      const scores = scoreDocument(model, held);
      const suggested = scores.map((score) => score >= SUGGESTED_AT);
      const chosen = held.labels.filter((label) => label === 1).length;
      const found = held.labels.filter((label, i) => label === 1 && suggested[i]).length;
      const count = suggested.filter(Boolean).length;
      const share = count / scores.length;
      const precision = found / count;
      const chance = chosen / scores.length;
      const summary = `suggested ${count}/${scores.length} (${(share * 100).toFixed(1)}%), chosen found ${found}/${chosen}, precision ${precision.toFixed(3)} (chance ${chance.toFixed(3)}), AP ${averagePrecision(scores, held.labels).toFixed(3)}`;
      console.log(`held-out 20161010_2pres: ${summary}`);
      assert.ok(share <= 0.16, summary);
      assert.ok(found / chosen >= 0.5, summary);
      assert.ok(precision >= 3 * chance, summary);
      assert.ok(averagePrecision(scores, held.labels) >= 0.08, summary);
    },
  );
});
