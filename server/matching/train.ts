/**
 * `npm run train:matcher`: learns the word translations and trains the re-ranker on the
 * train split of the claim-matching data, and writes server/matching/translations.json
 * and weights.json (committed). Deterministic: run it twice, get the same files.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { format, resolveConfig } from 'prettier';
import { loadMatchingData } from '../bench/matching-data';
import { FEATURE_NAMES } from './features';
import { WEIGHTS_FILE } from './reranker';
import {
  buildMatcher,
  crossFittedCandidates,
  neutralReranker,
  SHOWN,
  trainReranker,
  TRANSLATION_FOLDS,
  translationPairs,
} from './training';
import { learnTranslations, serialiseTranslations, TRANSLATIONS_FILE } from './translations';

const data = loadMatchingData();
const matcher = buildMatcher(data.collection, neutralReranker());
const train = data.queries.filter((query) => query.split === 'train');
const translations = learnTranslations(translationPairs(matcher, train, data.collection));
const candidates = crossFittedCandidates(matcher, train, data.collection);
const weights = trainReranker(
  candidates,
  FEATURE_NAMES,
  `CLEF-2020 CheckThat! 2 (English) train split: ${train.length} queries, ranked pairwise ` +
    `on their BM25 candidates, calibrated on the best ${SHOWN} of each asked with and ` +
    `without its repeats (${candidates.length} candidates; word translations ` +
    `${TRANSLATION_FOLDS}-fold cross-fitted; npm run train:matcher)`,
);

/** Written as Prettier would, so that the committed file passes the format check as it comes. */
async function write(file: URL, value: unknown): Promise<void> {
  const path = fileURLToPath(file);
  const options = { ...(await resolveConfig(path)), filepath: path };
  writeFileSync(path, await format(JSON.stringify(value), options));
  console.log(`wrote ${file.pathname}`);
}
await write(TRANSLATIONS_FILE, serialiseTranslations(translations));
await write(WEIGHTS_FILE, weights);
