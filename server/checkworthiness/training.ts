/**
 * Training the check-worthiness model on labelled documents: feature ids
 * numbered in a fixed order, word features kept only when they occur in
 * enough documents to say something beyond one debate's topics, and a
 * class-weighted logistic regression (see logistic.ts and model.ts).
 */
import type { LabelledDocument } from './corpus';
import { contextsOf } from './corpus';
import { namedFeatures } from './features';
import { PAIR_PREFIX, PAIR_VALUE, pairFeatures } from './interactions';
import { trainLogistic, type Example, type TrainOptions } from './logistic';
import type { ModelFile } from './model';
import { wordFeatures, wordValue } from './words';

export interface TrainingOptions extends Pick<TrainOptions, 'l2' | 'iterations' | 'learningRate'> {
  /** A word feature is kept when it occurs in at least this many training documents. */
  readonly minDocuments: number;
  /** How much the best neighbour's own log-odds count (model.ts scoreReading), chosen by leave-one-document-out. */
  readonly neighbourWeight: number;
  /**
   * A passed-over sentence beside a chosen one is trained as this share of a
   * chosen one (0: as passed over). Fact-checkers choose passages: the
   * sentence before or after a chosen claim often holds the same claim in
   * other words, and which of them carries the label is close to chance.
   */
  readonly besideChosen: number;
}

export const DEFAULT_OPTIONS: TrainingOptions = {
  l2: 0.003,
  iterations: 300,
  learningRate: 0.05,
  minDocuments: 4,
  neighbourWeight: 0.3,
  besideChosen: 0.5,
};

/** Directions the issue fixes (see TrainOptions.signs): the data may not teach them. */
const SIGNS: Readonly<Record<string, -1 | 1>> = {
  insult: -1,
  'bare attribution': -1,
  question: -1,
  'own record': 1,
  figure: 1,
};

/** A sentence's features as ids and values, before they are numbered. */
interface Row {
  readonly ids: string[];
  readonly values: number[];
  readonly label: 0 | 1;
  readonly besideChosen: boolean;
}

/** Features depend on the document alone: worked out once, however many models train on it. */
const rowCache = new WeakMap<LabelledDocument, Row[]>();

function rowsOf(document: LabelledDocument): Row[] {
  const cached = rowCache.get(document);
  if (cached) {
    return cached;
  }
  const rows = featureRows(document);
  rowCache.set(document, rows);
  return rows;
}

function featureRows(document: LabelledDocument): Row[] {
  const contexts = contextsOf(document.paragraphs);
  return document.paragraphs
    .flatMap((p) => p.sentences)
    .map((sentence, i) => {
      const named = namedFeatures(sentence.words, contexts[i]);
      const pairs = pairFeatures(named);
      const words = wordFeatures(sentence.words);
      return {
        ids: [...named.map((f) => f.id), ...pairs, ...words],
        values: [
          ...named.map((f) => f.value),
          ...pairs.map(() => PAIR_VALUE),
          ...words.map(() => wordValue(words.length)),
        ],
        label: document.labels[i],
        besideChosen: document.labels[i - 1] === 1 || document.labels[i + 1] === 1,
      };
    });
}

/** Word features and pairs of named features in at least `minDocuments` documents; named features always. */
function vocabulary(rowsByDocument: readonly Row[][], minDocuments: number): string[] {
  const documentsWith = new Map<string, number>();
  for (const rows of rowsByDocument) {
    for (const id of new Set(rows.flatMap((r) => r.ids))) {
      documentsWith.set(id, (documentsWith.get(id) ?? 0) + 1);
    }
  }
  // Sorted, so numbering never depends on the order features were met in.
  return [...documentsWith]
    .filter(
      ([id, count]) =>
        !(id.startsWith('w:') || id.startsWith(PAIR_PREFIX)) || count >= minDocuments,
    )
    .map(([id]) => id)
    .sort();
}

/** Trains on the documents, in the order given; same documents and options, same weights. */
export function trainModel(
  documents: readonly LabelledDocument[],
  options: TrainingOptions = DEFAULT_OPTIONS,
): ModelFile {
  const rowsByDocument = documents.map(rowsOf);
  const ids = vocabulary(rowsByDocument, options.minDocuments);
  const index = new Map(ids.map((id, i) => [id, i]));
  const examples: Example[] = rowsByDocument.flat().map((row) => {
    const indices: number[] = [];
    const values: number[] = [];
    row.ids.forEach((id, k) => {
      const at = index.get(id);
      if (at !== undefined) {
        indices.push(at);
        values.push(row.values[k]);
      }
    });
    return row.label === 0 && row.besideChosen && options.besideChosen > 0
      ? { indices, values, label: row.label, target: options.besideChosen }
      : { indices, values, label: row.label };
  });
  const signs = new Map<number, -1 | 1>();
  for (const [id, sign] of Object.entries(SIGNS)) {
    const at = index.get(id);
    if (at !== undefined) {
      signs.set(at, sign);
    }
  }
  const chosen = examples.filter((e) => e.label === 1).length;
  const model = trainLogistic(examples, ids.length, {
    ...options,
    signs,
    positiveWeight: (examples.length - chosen) / Math.max(1, chosen),
  });
  const weights: Record<string, number> = {};
  ids.forEach((id, i) => {
    const weight = Math.round(model.weights[i] * 1e4) / 1e4;
    // Tiny weights change no ranking and would only grow the file.
    if (Math.abs(weight) >= 0.005) {
      weights[id] = weight;
    }
  });
  return {
    about:
      'Check-worthiness weights (logistic regression, classes weighted to even odds), trained by `npm run train:suggester` on the CLEF-2019 CheckThat! task 1 training transcripts; see server/checkworthiness/model.ts.',
    trainedOn: {
      documents: documents.length,
      sentences: examples.length,
      chosen,
    },
    options: { ...options },
    bias: Math.round(model.bias * 1e4) / 1e4,
    neighbourWeight: options.neighbourWeight,
    weights,
  };
}
