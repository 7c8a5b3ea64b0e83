/**
 * `npm run bench:matching`: the matcher that answers `POST /api/match` (matching/matcher.ts
 * with the committed weights and the shipped word vectors) over the claim-matching data:
 * MAP@1, MAP@5 and P@1 on dev (and train, which the re-ranker was fitted on), the time of
 * one match (p95), and what each part adds (BM25 alone, + re-ranker, + word vectors: the
 * partial re-rankers are trained here on train exactly as train.ts trains the shipped one).
 * Then the index on 10,000 claims: p95 of one match and the cost of one write.
 */
import { performance } from 'node:perf_hooks';
import { loadWordVectors } from '../matching/embeddings-store';
import { FEATURE_NAMES, type FeatureName } from '../matching/features';
import { CANDIDATES, type Matcher } from '../matching/matcher';
import { Reranker } from '../matching/reranker';
import { buildMatcher, candidatesOf, neutralReranker, trainReranker } from '../matching/training';
import { loadMatchingData, type MatchingQuery, rankingQuality, type Split } from './matching-data';

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};
const ms = (x: number) => `${x.toFixed(2)} ms`;
const f3 = (x: number) => x.toFixed(3);

const loadStart = performance.now();
const vectors = await loadWordVectors();
const vectorsMs = performance.now() - loadStart;
const data = loadMatchingData();
const querySplit = (split: Split) => data.queries.filter((query) => query.split === split);

function evaluate(matcher: Matcher, queries: readonly MatchingQuery[]) {
  const times: number[] = [];
  const runs = queries.map((query) => {
    const start = performance.now();
    const results = matcher.match(query.text, 5);
    times.push(performance.now() - start);
    return { ranked: results.map((r) => r.id), relevant: query.relevant };
  });
  return { ...rankingQuality(runs), p95: percentile(times, 95) };
}

function evaluateBm25(matcher: Matcher, queries: readonly MatchingQuery[]) {
  const runs = queries.map((query) => ({
    ranked: matcher
      .match(query.text, CANDIDATES)
      .sort((x, y) => y.features.bm25 - x.features.bm25)
      .map((r) => r.id),
    relevant: query.relevant,
  }));
  return rankingQuality(runs);
}

const row = (name: string, q: { map1: number; map5: number; p1: number }, extra = '') =>
  console.log(`| ${name} | ${f3(q.map1)} | ${f3(q.map5)} | ${f3(q.p1)} |${extra}`);

const buildStart = performance.now();
const shipped = buildMatcher(data.collection, Reranker.load(), vectors);
const buildMs = performance.now() - buildStart;
console.log(
  `collection: ${data.collection.length} claims indexed in ${ms(buildMs)}; ` +
    `word vectors ${vectors ? `loaded in ${ms(vectorsMs)}` : 'none'}`,
);
console.log('\n| ranker (dev split) | MAP@1 | MAP@5 | P@1 |');
console.log('| --- | --- | --- | --- |');
row('BM25 alone', evaluateBm25(shipped, querySplit('dev')));
const neutral = buildMatcher(data.collection, neutralReranker(), vectors);
const trainCandidates = candidatesOf(neutral, querySplit('train'));
const variants: [string, FeatureName[]][] = [
  ['BM25 + re-ranker (no word vectors)', FEATURE_NAMES.filter((n) => !n.startsWith('embedding'))],
];
for (const [name, features] of variants) {
  const reranker = new Reranker(trainReranker(trainCandidates, features, name));
  row(name, evaluate(buildMatcher(data.collection, reranker, vectors), querySplit('dev')));
}
const dev = evaluate(shipped, querySplit('dev'));
row('shipped matcher (all features)', dev);
const train = evaluate(shipped, querySplit('train'));
console.log(
  `\nshipped matcher on train (fitted there): MAP@1 ${f3(train.map1)}, MAP@5 ${f3(train.map5)}, P@1 ${f3(train.p1)}`,
);
console.log(
  `one match over ${data.collection.length} claims: p95 ${ms(Math.max(dev.p95, train.p95))}`,
);

// 10,000 claims, as the server holds them: match time and the cost of keeping it current.
const tenThousand = data.collection.slice(0, 10_000);
const index = buildMatcher(tenThousand, Reranker.load(), vectors);
const matchTimes = data.queries.map((query) => {
  const start = performance.now();
  index.match(query.text, 10);
  return performance.now() - start;
});
const writeTimes = tenThousand.slice(0, 2000).map((document, i) => {
  const start = performance.now();
  index.upsert({ ...document, claim: `${document.claim} (edited ${i})` });
  return performance.now() - start;
});
console.log(
  `10,000 claims: one match p95 ${ms(percentile(matchTimes, 95))}, ` +
    `one write (claim edited) p95 ${ms(percentile(writeTimes, 95))}, mean ${ms(writeTimes.reduce((s, t) => s + t, 0) / writeTimes.length)}`,
);
