/**
 * `npm run train:suggester`: trains the check-worthiness model on the
 * training transcripts in ../shared/data/checkworthiness and writes its
 * weights to server/checkworthiness/weights.json (committed; the server reads
 * it at start). Same data, same weights: run it twice and git sees no change.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { hasTrainingData, readTrainingDocuments, TRAINING_DIR } from './corpus';
import { WEIGHTS_FILE } from './model';
import { DEFAULT_OPTIONS, trainModel } from './training';

if (!hasTrainingData()) {
  console.error(
    `No training data at ${TRAINING_DIR}: it comes with the shared folder beside the project.`,
  );
  process.exit(1);
}
const started = performance.now();
const documents = readTrainingDocuments();
const model = trainModel(documents, DEFAULT_OPTIONS);
const json = `${JSON.stringify(model, null, 2)}\n`;
writeFileSync(WEIGHTS_FILE, json);
const { documents: count, sentences, chosen } = model.trainedOn;
console.log(
  `Trained on ${count} documents, ${sentences} sentences (${chosen} chosen) in ${((performance.now() - started) / 1000).toFixed(1)} s: ` +
    `${Object.keys(model.weights).length} weights, ${(json.length / 1024).toFixed(0)} KB → ${fileURLToPath(WEIGHTS_FILE)}`,
);
