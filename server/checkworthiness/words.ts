/**
 * Word features: each word (by dictionary form) and each pair of neighbouring
 * words, so that "million job" and "you know" can count as well as the named
 * features. Only words seen in several training documents are kept
 * (training.ts), and they are scaled down in long sentences so that many
 * words do not outweigh what the named features say.
 */
import type { Word } from './analyse';

/**
 * Words that stand for their kind: figures and years are "#", names are "N"
 * (what counts about "Russia" or "Clinton" is that a name is there, which the
 * named features say; the name itself only tells which debate it came from).
 */
function wordKey(w: Word): string | null {
  if (/\d/.test(w.text)) {
    return '#';
  }
  const isName = ['ProperNoun', 'Place', 'Person', 'Organization'].some((t) => w.tags.has(t));
  if (isName && /^\p{Lu}/u.test(w.text) && w.normal !== 'i') {
    return 'N';
  }
  if (!/\p{L}/u.test(w.normal)) {
    return null;
  }
  return w.root || w.normal;
}

/** Word and two-word feature ids: "w:job", "w:million job". */
export function wordFeatures(all: readonly Word[]): string[] {
  const keys = all.map(wordKey).filter((k): k is string => k !== null);
  const found = new Set<string>();
  keys.forEach((key, i) => {
    found.add(`w:${key}`);
    if (i > 0) {
      found.add(`w:${keys[i - 1]} ${key}`);
    }
  });
  return [...found];
}

/** The value of each word feature in a sentence of `count` of them: 4/√count (1 at sixteen). */
export function wordValue(count: number): number {
  return 4 / Math.sqrt(Math.max(1, count));
}
