/**
 * The shared task's measures (average precision of a document's sentences
 * ranked by score, precision at 10) and leave-one-document-out evaluation:
 * each document scored by a model trained on all the others.
 */
import { contextsOf, type LabelledDocument } from './corpus';
import { modelFrom, scoreInOrder, type CheckworthinessModel } from './model';
import { DEFAULT_OPTIONS, trainModel, type TrainingOptions } from './training';

/**
 * Ranks by score, highest first; ties keep document order (a stable sort),
 * so a scorer that gives many sentences one score is not flattered.
 */
function ranked(scores: readonly number[], labels: readonly (0 | 1)[]): (0 | 1)[] {
  return scores
    .map((score, i) => ({ score, label: labels[i] }))
    .sort((a, b) => b.score - a.score)
    .map((r) => r.label);
}

export function averagePrecision(scores: readonly number[], labels: readonly (0 | 1)[]): number {
  let found = 0;
  let sum = 0;
  ranked(scores, labels).forEach((label, rank) => {
    if (label === 1) {
      found++;
      sum += found / (rank + 1);
    }
  });
  return found === 0 ? 0 : sum / found;
}

export function precisionAt(k: number, scores: readonly number[], labels: readonly (0 | 1)[]) {
  return (
    ranked(scores, labels)
      .slice(0, k)
      .filter((label) => label === 1).length / k
  );
}

/** Every sentence of a document scored with a model, in document order. */
export function scoreDocument(model: CheckworthinessModel, document: LabelledDocument): number[] {
  const sentences = document.paragraphs.flatMap((p) => p.sentences.map((s) => s.words));
  return scoreInOrder(model, sentences, contextsOf(document.paragraphs)).map((s) => s.score);
}

export interface HeldOut {
  readonly name: string;
  /** The model that scored it, trained on the other documents. */
  readonly model: CheckworthinessModel;
  readonly scores: readonly number[];
  readonly labels: readonly (0 | 1)[];
}

/** Each document scored by a model that never saw it. */
export function leaveOneOut(
  documents: readonly LabelledDocument[],
  options: TrainingOptions = DEFAULT_OPTIONS,
): HeldOut[] {
  return documents.map((document, i) => {
    const model = modelFrom(
      trainModel(
        documents.filter((_d, j) => j !== i),
        options,
      ),
    );
    return {
      name: document.name,
      model,
      scores: scoreDocument(model, document),
      labels: document.labels,
    };
  });
}

export interface Summary {
  readonly meanAveragePrecision: number;
  readonly precisionAt10: number;
}

export function summarise(heldOut: readonly HeldOut[]): Summary {
  const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
  return {
    meanAveragePrecision: mean(heldOut.map((d) => averagePrecision(d.scores, d.labels))),
    precisionAt10: mean(heldOut.map((d) => precisionAt(10, d.scores, d.labels))),
  };
}
