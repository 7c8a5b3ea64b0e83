/**
 * `npm run bench:suggester`: the trained check-worthiness model beside the
 * hand-weighted scorer, measured in the same run.
 *
 * - Training transcripts (../shared/data/checkworthiness): mean average
 *   precision and precision at 10 per document, every sentence ranked by
 *   score; the trained model scores each document with a model trained on the
 *   other 18 (leave one document out), the hand-weighted scorer as it is.
 *   At each scorer's default threshold: the share of sentences suggested and
 *   the share of the fact-checkers' choices among them.
 * - The seed article (claims/): the share of its hand-made claims that a
 *   suggestion overlaps, and the share of its sentences suggested.
 * - Time to score 200,000 characters (prose: the seed article repeated; talk:
 *   the transcripts, one speaker's turn a line), median of three after a warm-up.
 *
 * Without the training data the transcript figures are skipped (and said so).
 */
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import type { ArticleFile } from '../../src/domain/article-file';
import { PROJECT_ROOT } from '../config';
import { analyseText } from './analyse';
import {
  handWeightedScorer,
  suggesterScorer,
  trainedScorer,
  type BenchScorer,
  type Span,
} from './bench-scorers';
import {
  hasTrainingData,
  readTrainingDocuments,
  TRAINING_DIR,
  type LabelledDocument,
} from './corpus';
import { averagePrecision, leaveOneOut, precisionAt, scoreDocument } from './evaluate';
import { loadModel, SUGGESTED_AT, type ModelFile } from './model';
import { DEFAULT_OPTIONS } from './training';

/** Thresholds the benchmark shows beside the default. */
const THRESHOLDS = [0.5, 0.55, 0.58, 0.6, 0.62, 0.65];
const percent = (n: number) => `${(n * 100).toFixed(1)}%`;
const mean = (values: readonly number[]) => values.reduce((a, b) => a + b, 0) / values.length;
const overlaps = (a: Span, b: Span) => a.start < b.end && b.start < a.end;

interface TranscriptFigures {
  map: number;
  p10: number;
  suggested: number;
  suggestedPerDocument: [number, number];
  chosenFound: number;
}

function transcriptFigures(
  documents: readonly LabelledDocument[],
  scores: readonly (readonly number[])[],
  threshold: number,
): TranscriptFigures {
  let total = 0;
  let suggested = 0;
  let chosen = 0;
  let found = 0;
  const shares = documents.map((document, d) => {
    const offered = scores[d].map((score) => score >= threshold);
    total += offered.length;
    suggested += offered.filter(Boolean).length;
    chosen += document.labels.filter((l) => l === 1).length;
    found += document.labels.filter((l, i) => l === 1 && offered[i]).length;
    return offered.filter(Boolean).length / offered.length;
  });
  return {
    map: mean(documents.map((d, i) => averagePrecision(scores[i], d.labels))),
    p10: mean(documents.map((d, i) => precisionAt(10, scores[i], d.labels))),
    suggested: suggested / total,
    suggestedPerDocument: [Math.min(...shares), Math.max(...shares)],
    chosenFound: found / chosen,
  };
}

/**
 * The ranking alone, whatever the threshold: the share of the chosen among the
 * `share` of all transcript sentences (pooled) that score highest, and the
 * score at that cut. A threshold at the cut would meet the goal's ≤ 10% exactly.
 */
function pooledTop(
  documents: readonly LabelledDocument[],
  scores: readonly (readonly number[])[],
  share: number,
): { cut: number; found: number } {
  const pooled = documents
    .flatMap((d, i) => d.labels.map((label, k) => ({ label, score: scores[i][k] })))
    .sort((a, b) => b.score - a.score);
  const top = pooled.slice(0, Math.round(pooled.length * share));
  const chosen = pooled.filter((s) => s.label === 1).length;
  return {
    cut: top.at(-1)?.score ?? 0,
    found: top.filter((s) => s.label === 1).length / Math.max(1, chosen),
  };
}

async function seedFigures(scorer: BenchScorer, seed: ArticleFile) {
  const { text, headings } = seed.article;
  const suggestions = await scorer.suggest(text, headings);
  const sentences = analyseText(text, new Set(headings.map((h) => h.start))).flatMap(
    (p) => p.sentences,
  );
  return {
    claimsFound:
      seed.claims.filter((c) => suggestions.some((s) => overlaps(s, c))).length /
      seed.claims.length,
    sentencesSuggested:
      sentences.filter((s) => suggestions.some((x) => overlaps(x, s))).length / sentences.length,
    suggestions: suggestions.length,
    sentences: sentences.length,
  };
}

/** About `length` characters of text, whole lines of `lines` repeated. */
function textOf(lines: readonly string[], length: number): string {
  const out: string[] = [];
  let size = 0;
  for (let i = 0; size < length; i++) {
    const line = lines[i % lines.length];
    out.push(line);
    size += line.length + 1;
  }
  return out.join('\n').slice(0, length);
}

/** Median wall-clock and CPU milliseconds of three runs after a warm-up (CPU time says less about other work on the machine). */
async function medianMs(run: () => Promise<unknown>): Promise<string> {
  await run();
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < 3; i++) {
    const started = performance.now();
    const usage = process.cpuUsage();
    await run();
    const used = process.cpuUsage(usage);
    wall.push(performance.now() - started);
    cpu.push((used.user + used.system) / 1000);
  }
  const median = (values: number[]) => values.sort((a, b) => a - b)[1].toFixed(0);
  return `${median(wall)} ms (CPU ${median(cpu)} ms)`;
}

/** A transcript as pasted text: one speaker's turn a line, "SPEAKER: " first. */
function asPastedText(documents: readonly LabelledDocument[]): string[] {
  return documents.flatMap((d) => {
    const lines: string[] = [];
    let k = 0;
    for (const p of d.paragraphs) {
      lines.push(`${p.speaker}: ${d.texts.slice(k, k + p.sentences.length).join(' ')}`);
      k += p.sentences.length;
    }
    return lines;
  });
}

function weightSummary(file: ModelFile): string[] {
  const entries = Object.entries(file.weights);
  const named = entries
    .filter(([id]) => !id.startsWith('w:') && !id.startsWith('x:'))
    .sort((a, b) => b[1] - a[1]);
  const pairs = entries.filter(([id]) => id.startsWith('x:')).sort((a, b) => b[1] - a[1]);
  const words = entries.filter(([id]) => id.startsWith('w:')).sort((a, b) => b[1] - a[1]);
  const show = (list: [string, number][]) =>
    list
      .map(([id, w]) => `${id.replace(/^[wx]:/, '')} ${w > 0 ? '+' : ''}${w.toFixed(2)}`)
      .join(', ');
  return [
    `bias ${file.bias.toFixed(2)}; ${named.length} named features, ${pairs.length} pairs of them, ${words.length} words and word pairs`,
    `named, raising: ${show(named.filter(([, w]) => w > 0).slice(0, 14))}`,
    `named, lowering: ${show(
      named
        .filter(([, w]) => w < 0)
        .reverse()
        .slice(0, 12),
    )}`,
    `pairs, raising: ${show(pairs.slice(0, 8))}`,
    `pairs, lowering: ${show(pairs.slice(-8).reverse())}`,
    `words, raising: ${show(words.slice(0, 15))}`,
    `words, lowering: ${show(words.slice(-15).reverse())}`,
  ];
}

async function main() {
  const load = loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');
  console.log(
    `bench:suggester ${new Date().toISOString()}, Node ${process.version}, ${cpus().length}× ${cpus()[0]?.model}, load ${load}`,
  );
  const committed = JSON.parse(
    readFileSync(new URL('./weights.json', import.meta.url), 'utf8'),
  ) as ModelFile;
  const scorers = [trainedScorer(loadModel()), suggesterScorer(loadModel()), handWeightedScorer];
  const seed = JSON.parse(
    readFileSync(join(PROJECT_ROOT, 'claims', 'putin-north-korea-visit.json'), 'utf8'),
  ) as ArticleFile;

  let documents: LabelledDocument[] = [];
  if (hasTrainingData()) {
    documents = readTrainingDocuments();
    console.log(
      `\nTraining transcripts: ${documents.length} documents, ${documents.reduce((n, d) => n + d.labels.length, 0)} sentences`,
    );
    const started = performance.now();
    const heldOut = leaveOneOut(documents, DEFAULT_OPTIONS);
    console.log(
      `(leave-one-document-out training: ${((performance.now() - started) / 1000).toFixed(0)} s)`,
    );
    const previous = heldOut.map((h, i) =>
      scoreDocument({ ...h.model, neighbourWeight: 0 }, documents[i]),
    );
    const rows: [string, number, number[][]][] = [
      [scorers[0].name, SUGGESTED_AT, heldOut.map((h) => [...h.scores])],
      ['the same model without neighbours (before)', SUGGESTED_AT, previous],
      [
        handWeightedScorer.name,
        handWeightedScorer.threshold,
        documents.map((d) => handWeightedScorer.transcript(d)),
      ],
    ];
    for (const [name, threshold, scores] of rows) {
      const f = transcriptFigures(documents, scores, threshold);
      console.log(
        `  ${name}: MAP ${f.map.toFixed(3)}, P@10 ${f.p10.toFixed(3)}; at ${threshold}: ` +
          `${percent(f.suggested)} of sentences suggested (per document ${percent(f.suggestedPerDocument[0])}–${percent(f.suggestedPerDocument[1])}), ` +
          `${percent(f.chosenFound)} of the chosen among them`,
      );
    }
    for (const [name, , scores] of rows.slice(0, 2)) {
      const top = pooledTop(documents, scores, 0.1);
      console.log(
        `  ${name}: the pooled top 10% of sentences (score ${top.cut.toFixed(3)} and over) holds ${percent(top.found)} of the chosen`,
      );
    }
    console.log(
      '  thresholds (trained model | without neighbours; seed claims found by whole sentences):',
    );
    for (const threshold of THRESHOLDS) {
      const now = transcriptFigures(documents, rows[0][2], threshold);
      const before = transcriptFigures(documents, previous, threshold);
      const seedFound = await seedFigures(trainedScorer(loadModel(), threshold), seed);
      console.log(
        `    ${threshold.toFixed(2)}: ${percent(now.suggested)} suggested, ${percent(now.chosenFound)} of the chosen | ` +
          `${percent(before.suggested)}, ${percent(before.chosenFound)}; seed ${percent(seedFound.claimsFound)}`,
      );
    }
    const perDocument = heldOut
      .map((h) => `${h.name} ${averagePrecision(h.scores, h.labels).toFixed(3)}`)
      .join(', ');
    console.log(`  trained model, AP per held-out document: ${perDocument}`);
  } else {
    console.log(`\nTraining transcripts: SKIPPED, no data at ${TRAINING_DIR}`);
  }

  console.log(`\nSeed article (${seed.article.id}, ${seed.claims.length} claims):`);
  for (const scorer of scorers) {
    const f = await seedFigures(scorer, seed);
    console.log(
      `  ${scorer.name}: ${percent(f.claimsFound)} of claims found, ${percent(f.sentencesSuggested)} of ${f.sentences} sentences suggested (${f.suggestions} suggestions)`,
    );
  }

  const prose = textOf(seed.article.text.split('\n'), 200_000);
  const talk = documents.length > 0 ? textOf(asPastedText(documents), 200_000) : null;
  console.log('\nTime to score 200,000 characters (median of 3 after a warm-up):');
  for (const scorer of scorers) {
    const times = [`prose ${await medianMs(() => scorer.suggest(prose, []))}`];
    if (talk) {
      times.push(`talk ${await medianMs(() => scorer.suggest(talk, []))}`);
    }
    console.log(`  ${scorer.name}: ${times.join(', ')}`);
  }

  console.log(`\nWeights (server/checkworthiness/weights.json, threshold ${SUGGESTED_AT}):`);
  for (const line of weightSummary(committed)) {
    console.log(`  ${line}`);
  }
}

await main();
