/**
 * The claim-matching data (CLEF-2020 CheckThat! Task 2, English: Snopes-checked claims and
 * tweets that repeat them), read where the project's shared data lives, at training or
 * benchmark time only: it is never copied into the project. Only the train and dev
 * splits are there, and only they are read.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PROJECT_ROOT } from '../config';
import type { MatchDocument } from '../matching/matcher';

export const CLAIM_MATCHING_DIR = resolve(
  process.env['CLAIM_MATCHING_DATA'] ??
    join(PROJECT_ROOT, '..', 'shared', 'data', 'claim-matching', 'clef2020-train'),
);

export type Split = 'train' | 'dev';

export interface MatchingQuery {
  readonly id: string;
  readonly text: string;
  readonly split: Split;
  /** The collection ids it repeats. */
  readonly relevant: ReadonlySet<string>;
}

export interface MatchingData {
  readonly collection: readonly MatchDocument[];
  readonly queries: readonly MatchingQuery[];
}

function jsonLines<T>(file: string): T[] {
  return readFileSync(join(CLAIM_MATCHING_DIR, file), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as T);
}

export function loadMatchingData(): MatchingData {
  if (!existsSync(join(CLAIM_MATCHING_DIR, 'collection.jsonl'))) {
    throw new Error(
      `no claim-matching data in ${CLAIM_MATCHING_DIR} (set CLAIM_MATCHING_DATA to its folder)`,
    );
  }
  // A Snopes title ("Did 122 prisoners ... return?") words the claim again, as a claim's
  // published summary does: the title is the context, the verified claim the statement.
  const collection = jsonLines<{ id: string; vclaim: string; title: string }>(
    'collection.jsonl',
  ).map((row) => ({ id: row.id, claim: row.vclaim, context: row.title ?? '' }));
  const relevant = new Map<string, Set<string>>();
  for (const line of readFileSync(join(CLAIM_MATCHING_DIR, 'qrels.tsv'), 'utf8').split('\n')) {
    const [queryId, , claimId, grade] = line.trim().split(/\s+/);
    if (queryId && claimId && Number(grade) > 0) {
      relevant.set(queryId, (relevant.get(queryId) ?? new Set()).add(claimId));
    }
  }
  const queries = jsonLines<{ id: string; text: string; split: string }>('queries.jsonl')
    .filter((row) => row.split === 'train' || row.split === 'dev')
    .map((row) => ({
      id: row.id,
      text: row.text,
      split: row.split as Split,
      relevant: relevant.get(row.id) ?? new Set<string>(),
    }));
  return { collection, queries };
}

export interface Ranking {
  /** MAP@1, MAP@5 (the task's measure), P@1. */
  readonly map1: number;
  readonly map5: number;
  readonly p1: number;
}

/** Average precision at k of one ranked list, over min(k, relevant): 1 or 0 at k = 1. */
export function averagePrecisionAt(
  ranked: readonly string[],
  relevant: ReadonlySet<string>,
  k: number,
): number {
  if (relevant.size === 0) {
    return 0;
  }
  let hits = 0;
  let sum = 0;
  ranked.slice(0, k).forEach((id, i) => {
    if (relevant.has(id)) {
      hits++;
      sum += hits / (i + 1);
    }
  });
  return sum / Math.min(relevant.size, k);
}

export function rankingQuality(
  runs: readonly { ranked: readonly string[]; relevant: ReadonlySet<string> }[],
): Ranking {
  const mean = (f: (run: (typeof runs)[number]) => number) =>
    runs.reduce((sum, run) => sum + f(run), 0) / Math.max(runs.length, 1);
  return {
    map1: mean((run) => averagePrecisionAt(run.ranked, run.relevant, 1)),
    map5: mean((run) => averagePrecisionAt(run.ranked, run.relevant, 5)),
    p1: mean((run) => (run.relevant.has(run.ranked[0] ?? '') ? 1 : 0)),
  };
}
