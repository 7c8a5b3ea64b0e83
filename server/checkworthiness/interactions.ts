/**
 * Pairs of named features found together in one sentence: how or where it is
 * said (a question, speaking as I or we, a short sentence, a moderator, the
 * start of a turn) with what it says (a figure, a past event, a name, a
 * comparison). A logistic regression adds what each says; a pair lets the
 * model learn that a figure counts for less in a moderator's question, or a
 * past event for more when a speaker says "we". Pairs of two content features
 * were tried too and did less well (BENCHMARKS.md). Pairs are kept, as words
 * are, only when they occur in enough training documents (training.ts).
 */
import type { Feature } from './features';

/** Features of the whole text, with a graded value or of the exchange around it: no pair is made with them. */
const NOT_PAIRED = new Set(['main speaker', 'talk', 'long sentences', 'disputed', 'echoed']);

/** The value of each pair, against 1 for a named feature: a pair refines, it does not lead. */
export const PAIR_VALUE = 0.5;

export const PAIR_PREFIX = 'x:';

/** How or where a sentence is said, rather than what it says. */
const MANNER =
  /^(minor speaker|questioner|short turn|opens the turn|answers a question|question|exclamation|length .*|opens with .*|first person .*|second person)$/;

/** The pair ids of a sentence's named features, "x:first|second" in sorted order: one of manner, one of content. */
export function pairFeatures(named: readonly Feature[]): string[] {
  const ids = [...new Set(named.filter((f) => !NOT_PAIRED.has(f.id)).map((f) => f.id))].sort();
  const pairs: string[] = [];
  for (let a = 0; a < ids.length; a++) {
    for (let b = a + 1; b < ids.length; b++) {
      if (MANNER.test(ids[a]) !== MANNER.test(ids[b])) {
        pairs.push(`${PAIR_PREFIX}${ids[a]}|${ids[b]}`);
      }
    }
  }
  return pairs;
}

/** The two feature ids of a pair id. */
export function pairParts(id: string): [string, string] {
  const [first, second] = id.slice(PAIR_PREFIX.length).split('|');
  return [first, second];
}
