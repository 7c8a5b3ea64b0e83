/**
 * `npm run bench:matching`: the matcher that answers `POST /api/match` (matching/matcher.ts
 * with the committed weights) over the claim-matching data: MAP@1, MAP@5 and P@1 on dev
 * (and on train, which the re-ranker was fitted on), what each part adds (a partial
 * re-ranker is trained here on train exactly as train.ts trains the shipped one), the
 * "Checked before?" threshold on dev, and the time of one match (p95). Then the index on
 * 10,000 claims: p95 of one match and the cost of one write.
 */
import { performance } from 'node:perf_hooks';
import { CHECKED_BEFORE_MIN_SCORE } from '../../src/domain/matching';
import { FEATURE_NAMES } from '../matching/features';
import { CANDIDATES, type Matcher } from '../matching/matcher';
import { Reranker } from '../matching/reranker';
import {
  buildMatcher,
  crossFittedCandidates,
  neutralReranker,
  trainReranker,
} from '../matching/training';
import { loadTranslations } from '../matching/translations';
import { loadMatchingData, type MatchingQuery, rankingQuality, type Split } from './matching-data';

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};
const ms = (x: number) => `${x.toFixed(2)} ms`;
const f3 = (x: number) => x.toFixed(3);

const data = loadMatchingData();
const querySplit = (split: Split) => data.queries.filter((query) => query.split === split);
const [train, dev] = [querySplit('train'), querySplit('dev')];

function quality(matcher: Matcher, queries: readonly MatchingQuery[], byBm25 = false) {
  return rankingQuality(
    queries.map((query) => {
      const results = matcher.match(query.text, CANDIDATES);
      if (byBm25) {
        results.sort((x, y) => y.features.bm25 - x.features.bm25);
      }
      return { ranked: results.map((r) => r.id), relevant: query.relevant };
    }),
  );
}

const row = (name: string, q: { map1: number; map5: number; p1: number }, on: Split) =>
  console.log(`| ${name} | ${on} | ${f3(q.map1)} | ${f3(q.map5)} | ${f3(q.p1)} |`);

const translations = loadTranslations();
const buildStart = performance.now();
const shipped = buildMatcher(data.collection, Reranker.load(), translations);
console.log(
  `collection: ${data.collection.length} claims indexed in ${ms(performance.now() - buildStart)}`,
);
console.log('\n| ranker | split | MAP@1 | MAP@5 | P@1 |');
console.log('| --- | --- | --- | --- | --- |');
row('BM25 alone', quality(shipped, dev, true), 'dev');
const neutral = buildMatcher(data.collection, neutralReranker());
const trainCandidates = crossFittedCandidates(neutral, train, data.collection);
const partialRow = (name: string, leftOut: readonly string[]) => {
  const features = FEATURE_NAMES.filter((feature) => !leftOut.includes(feature));
  const partial = new Reranker(trainReranker(trainCandidates, features, 'bench'));
  row(name, quality(buildMatcher(data.collection, partial, translations), dev), 'dev');
};
const signatureParts = ['bm25Body', 'author', 'yearShared', 'bodyNumberShared', 'charSimBody'];
const translationParts = ['translated', 'bridged'];
partialRow('BM25 + re-ranker on BM25, coverage, numbers, pairs, runs', [
  'charSim',
  ...signatureParts,
  ...translationParts,
]);
partialRow('... + character grams', [...signatureParts, ...translationParts]);
partialRow("... + the tweet's signature apart", translationParts);
row('shipped: BM25 + re-ranker (all features)', quality(shipped, dev), 'dev');
row('BM25 alone', quality(shipped, train, true), 'train');
row('shipped (fitted on train)', quality(shipped, train), 'train');

// "Checked before?": each dev query asked as it is (its repeat is among the claims) and
// with its repeat left out (it has none): how often the best match is shown and right.
console.log('\n| min score | repeat shown first | shown without a repeat | precision |');
console.log('| --- | --- | --- | --- |');
const asked = dev.map((query) => ({
  withRepeat: shipped.match(query.text, 1)[0],
  without: shipped.match(query.text, 1, query.relevant)[0],
  relevant: query.relevant,
}));
let best = { threshold: 0, f1: -1 };
for (let threshold = 0.05; threshold < 0.96; threshold += 0.05) {
  const right = asked.filter(
    (a) => a.withRepeat?.score >= threshold && a.relevant.has(a.withRepeat.id),
  ).length;
  const wrong =
    asked.filter((a) => a.withRepeat?.score >= threshold && !a.relevant.has(a.withRepeat.id))
      .length + asked.filter((a) => (a.without?.score ?? 0) >= threshold).length;
  const precision = right / Math.max(right + wrong, 1);
  const recall = right / asked.length;
  const f1 = (2 * precision * recall) / Math.max(precision + recall, 1e-9);
  if (f1 > best.f1) {
    best = { threshold, f1 };
  }
  const falseAlarms = asked.filter((a) => (a.without?.score ?? 0) >= threshold).length;
  if (
    Math.round(threshold * 100) % 10 === 0 ||
    Math.abs(threshold - CHECKED_BEFORE_MIN_SCORE) < 0.01
  ) {
    console.log(
      `| ${threshold.toFixed(2)} | ${f3(recall)} | ${f3(falseAlarms / asked.length)} | ${f3(precision)} |`,
    );
  }
}
console.log(
  `best F1 on dev at min score ${best.threshold.toFixed(2)} (F1 ${f3(best.f1)}); ` +
    `CHECKED_BEFORE_MIN_SCORE is ${CHECKED_BEFORE_MIN_SCORE}`,
);

const times = data.queries.map((query) => {
  const start = performance.now();
  shipped.match(query.text, 10);
  return performance.now() - start;
});
console.log(`\none match over ${data.collection.length} claims: p95 ${ms(percentile(times, 95))}`);

// 10,000 claims, as the server holds them: match time and the cost of keeping it current.
const tenThousand = data.collection.slice(0, 10_000);
const index = buildMatcher(tenThousand, Reranker.load(), translations);
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
  `10,000 claims: one match p95 ${ms(percentile(matchTimes, 95))}; one write (a claim ` +
    `edited) p95 ${ms(percentile(writeTimes, 95))}, ` +
    `mean ${ms(writeTimes.reduce((s, t) => s + t, 0) / writeTimes.length)}`,
);
