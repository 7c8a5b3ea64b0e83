/**
 * `npm run train:matcher`: trains the re-ranker on the train split of the claim-matching
 * data and writes server/matching/weights.json (a few numbers, committed). Deterministic:
 * run it twice, get the same file.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { format, resolveConfig } from 'prettier';
import { loadMatchingData } from '../bench/matching-data';
import { FEATURE_NAMES } from './features';
import { WEIGHTS_FILE } from './reranker';
import { buildMatcher, candidatesOf, neutralReranker, SHOWN, trainReranker } from './training';

const data = loadMatchingData();
const matcher = buildMatcher(data.collection, neutralReranker());
const train = data.queries.filter((query) => query.split === 'train');
const candidates = candidatesOf(matcher, train);
const weights = trainReranker(
  candidates,
  FEATURE_NAMES,
  `CLEF-2020 CheckThat! 2 (English) train split: ${train.length} queries, ranked pairwise ` +
    `on their BM25 candidates, calibrated on the best ${SHOWN} of each asked with and ` +
    `without its repeats (${candidates.length} candidates; npm run train:matcher)`,
);
// Written as Prettier would, so that the committed file passes the format check as it comes.
const path = fileURLToPath(WEIGHTS_FILE);
const options = { ...(await resolveConfig(path)), filepath: path };
writeFileSync(path, await format(JSON.stringify(weights), options));
console.log(`wrote ${WEIGHTS_FILE.pathname}`);
