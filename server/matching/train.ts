/**
 * `npm run train:matcher`: trains the re-ranker on the train split of the claim-matching
 * data and writes server/matching/weights.json (a few numbers, committed). Deterministic:
 * run it twice, get the same file.
 */
import { writeFileSync } from 'node:fs';
import { loadMatchingData } from '../bench/matching-data';
import { loadWordVectors } from './embeddings-store';
import { FEATURE_NAMES } from './features';
import { WEIGHTS_FILE } from './reranker';
import { buildMatcher, candidatesOf, neutralReranker, trainReranker } from './training';

const data = loadMatchingData();
const vectors = await loadWordVectors();
const matcher = buildMatcher(data.collection, neutralReranker(), vectors);
const train = data.queries.filter((query) => query.split === 'train');
const candidates = candidatesOf(matcher, train);
const weights = trainReranker(
  candidates,
  FEATURE_NAMES,
  `CLEF-2020 CheckThat! 2 (English) train split: ${train.length} queries, ` +
    `${candidates.length} candidates (npm run train:matcher)`,
);
writeFileSync(WEIGHTS_FILE, `${JSON.stringify(weights, null, 2)}\n`);
console.log(`wrote ${WEIGHTS_FILE.pathname}`);
