/**
 * Splits a run-together lower-case hashtag into the words the indexed claims use:
 * "#cornflakes" -> corn flakes, "#maddoxstrong" -> maddox strong, "#krystinamartelli" ->
 * krystina martelli. Camel case already splits "#ImpeachTrump" (tokenize.ts); a tag
 * written all in lower case has no such clue, and as one unknown word it matches nothing.
 *
 * The vocabulary is the claims' own words, counted per claim and kept current on every
 * write (a few map updates), so a new name on the desk is known as soon as a claim says it.
 */

import stem from 'wink-porter2-stemmer';
import { stemOf } from './tokenize';

function count(counts: Map<string, number>, key: string, by: number): void {
  const total = (counts.get(key) ?? 0) + by;
  if (total > 0) {
    counts.set(key, total);
  } else {
    counts.delete(key);
  }
}

/** Runs shorter than this are left as they are ("#maga", "#rip"). */
const SHORTEST_RUN = 6;
/** Longer runs are left whole: the split below is quadratic in the run's length. */
const LONGEST_RUN = 40;
const LONGEST_WORD = 20;
const SHORTEST_WORD = 3;
const SHORTEST_UNKNOWN = 3;

export class WordSegmenter {
  /** word -> how many indexed documents use it; the same for their stems. */
  private readonly counts = new Map<string, number>();
  private readonly stems = new Map<string, number>();

  /** Counts a document's distinct words in. */
  add(words: Iterable<string>): void {
    for (const word of words) {
      count(this.counts, word, 1);
      count(this.stems, stemOf(word), 1);
    }
  }

  /** Counts them out again (the document changed or went). */
  remove(words: Iterable<string>): void {
    for (const word of words) {
      count(this.counts, word, -1);
      count(this.stems, stemOf(word), -1);
    }
  }

  /**
   * The words of a run of lower-case letters: the split into known words (each scoring its
   * length squared, so "flakes" beats "flak" + "es") and unknown pieces of at least
   * three letters (a name the claims do not have yet: "krystina" + "martelli") that
   * scores most. A run that is itself a known word or a form of one ("forests"), or that
   * no split helps, is kept as it is.
   */
  split(run: string): string[] {
    if (run.length < SHORTEST_RUN || run.length > LONGEST_RUN || this.known(run)) {
      return [run];
    }
    // best[i]: the best score of a split of run[0, i) (-1: none); from[i]: where its last
    // piece starts.
    const best = new Float64Array(run.length + 1).fill(-1);
    const from = new Int32Array(run.length + 1);
    best[0] = 0;
    for (let i = 1; i <= run.length; i++) {
      for (let j = Math.max(0, i - LONGEST_WORD); j <= i - SHORTEST_WORD; j++) {
        if (best[j] < 0) {
          continue;
        }
        const length = i - j;
        const piece = run.slice(j, i);
        const score = this.known(piece)
          ? best[j] + length * length
          : length >= SHORTEST_UNKNOWN
            ? best[j]
            : -1;
        if (score > best[i]) {
          best[i] = score;
          from[i] = j;
        }
      }
    }
    // Known words must cover at least half of it: otherwise the split is a guess.
    if (best[run.length] <= 0 || !this.coversHalf(run, from)) {
      return [run];
    }
    const pieces: string[] = [];
    for (let i = run.length; i > 0; i = from[i]) {
      pieces.push(run.slice(from[i], i));
    }
    return pieces.reverse();
  }

  private coversHalf(run: string, from: Int32Array): boolean {
    let covered = 0;
    for (let i = run.length; i > 0; i = from[i]) {
      covered += this.known(run.slice(from[i], i)) ? i - from[i] : 0;
    }
    return 2 * covered >= run.length;
  }

  private known(piece: string): boolean {
    return this.counts.has(piece) || this.stems.has(stem(piece));
  }
}
