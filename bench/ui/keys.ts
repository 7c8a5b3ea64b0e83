/**
 * The keys `npm run bench:ui` types into the claims search, planned from the
 * article's own quotes with the expected result of each key computed by the
 * app's own `applyFilter`.
 */
import type { ClaimSummary } from '../../src/domain/claim';
import { applyFilter, EMPTY_FILTER } from '../../src/domain/claim-filter';

export const MEASURED_KEYS = 40;

export interface Step {
  readonly key: string;
  /** The search text after the key. */
  readonly query: string;
  readonly shown: number;
  readonly firstId: string | null;
}

export interface Plan {
  readonly warmUp: Step[];
  readonly measured: Step[];
  readonly words: string[];
}

function visibleFor(claims: readonly ClaimSummary[], query: string): ClaimSummary[] {
  return applyFilter(claims, { ...EMPTY_FILTER, query }, null);
}

interface Candidate {
  readonly word: string;
  /** Claims shown after each of its letters. */
  readonly counts: readonly number[];
}

/**
 * Prefixes of words in the quotes in which every letter narrows the result (so
 * that every key, typed or deleted, changes what the table shows), at least
 * three letters long. Longest prefixes first, then those whose first letter
 * matches most claims.
 */
function narrowingPrefixes(claims: readonly ClaimSummary[]): Candidate[] {
  const words = new Set<string>();
  for (const claim of claims) {
    for (const word of claim.quote.toLowerCase().match(/[a-z]{3,}/g) ?? []) {
      words.add(word);
    }
  }
  const prefixes = new Map<string, number[]>();
  for (const word of [...words].sort()) {
    const counts: number[] = [];
    let previous = claims.length;
    for (let i = 1; i <= word.length; i++) {
      const count = visibleFor(claims, word.slice(0, i)).length;
      if (count === 0 || count >= previous) break;
      counts.push(count);
      previous = count;
    }
    if (counts.length >= 3) prefixes.set(word.slice(0, counts.length), counts);
  }
  return [...prefixes]
    .map(([word, counts]) => ({ word, counts }))
    .sort(
      (a, b) =>
        b.word.length - a.word.length || b.counts[0] - a.counts[0] || a.word.localeCompare(b.word),
    );
}

/** Typed letter by letter, then deleted with Backspace; each with its expected result. */
function stepsFor(claims: readonly ClaimSummary[], word: string): Step[] {
  const result: Step[] = [];
  const push = (key: string, query: string) => {
    const visible = visibleFor(claims, query);
    result.push({ key, query, shown: visible.length, firstId: visible[0]?.id ?? null });
  };
  for (let i = 1; i <= word.length; i++) push(word[i - 1], word.slice(0, i));
  for (let i = word.length - 1; i >= 0; i--) push('Backspace', word.slice(0, i));
  return result;
}

/**
 * Takes words from `candidates` in order while they fit `total` keys (each word
 * is typed and erased: twice its letters), leaving room for one more word of at
 * least four letters or filling exactly.
 */
function fill(candidates: readonly Candidate[], total: number, chosen: string[]): number {
  let keys = chosen.reduce((sum, word) => sum + 2 * word.length, 0);
  const usedFirst = new Set(chosen.map((word) => word[0]));
  for (const { word } of candidates) {
    const left = total - keys;
    if (left <= 0) break;
    if (usedFirst.has(word[0]) || chosen.includes(word) || 2 * word.length > left) continue;
    if (left - 2 * word.length !== 0 && left - 2 * word.length < 8) continue;
    chosen.push(word);
    usedFirst.add(word[0]);
    keys += 2 * word.length;
  }
  return keys;
}

function plan(claims: readonly ClaimSummary[], chosen: string[], warm: string | undefined): Plan {
  if (!warm) throw new Error('no word left to warm up with');
  return {
    warmUp: stepsFor(claims, warm),
    measured: chosen.flatMap((word) => stepsFor(claims, word)),
    words: chosen,
  };
}

/**
 * The 2,000-claim article's 40 keys: the longest narrowing prefixes, one per
 * first letter, typed and erased. The expected result of each key comes from
 * the app's own `applyFilter`.
 */
export function planKeys(claims: readonly ClaimSummary[]): Plan {
  const candidates = narrowingPrefixes(claims);
  const chosen: string[] = [];
  const keys = fill(candidates, MEASURED_KEYS, chosen);
  if (keys !== MEASURED_KEYS) {
    throw new Error(`could not plan ${MEASURED_KEYS} keys from the quotes (got ${keys})`);
  }
  return plan(claims, chosen, candidates.find(({ word }) => !chosen.includes(word))?.word);
}

/**
 * `total` keys as a person searching might type them: words of three to eight
 * letters, each typed and erased, a different first letter from the word
 * before (rounds over the first letters, the commonest first), so that the
 * first letter of a word often searches all the claims afresh. One more word,
 * typed and erased first, warms the page up and is not measured.
 */
export function planWords(claims: readonly ClaimSummary[], total: number): Plan {
  const candidates = narrowingPrefixes(claims).filter(
    ({ word }) => word.length >= 3 && word.length <= 8,
  );
  const byLetter = new Map<string, Candidate[]>();
  for (const candidate of candidates) {
    byLetter.set(candidate.word[0], [...(byLetter.get(candidate.word[0]) ?? []), candidate]);
  }
  const letters = [...byLetter.keys()].sort(
    (a, b) => (byLetter.get(b)?.[0].counts[0] ?? 0) - (byLetter.get(a)?.[0].counts[0] ?? 0),
  );
  const warm = byLetter.get(letters[0])?.[0].word;
  const rounds = Math.max(...[...byLetter.values()].map((group) => group.length));
  const chosen: string[] = [];
  let keys = 0;
  for (let round = 0; round < rounds && keys < total; round++) {
    for (const letter of letters) {
      // The warm-up word is the first of the commonest letter's.
      const candidate = byLetter.get(letter)?.[letter === letters[0] ? round + 1 : round];
      const left = total - keys;
      const cost = 2 * (candidate?.word.length ?? Infinity);
      if (!candidate || cost > left || chosen.at(-1)?.[0] === letter) continue;
      // Leave room for one more word of at least three letters, or fill exactly.
      if (left - cost !== 0 && left - cost < 6) continue;
      chosen.push(candidate.word);
      keys += cost;
    }
  }
  if (keys !== total) throw new Error(`could not plan ${total} keys (got ${keys})`);
  return plan(claims, chosen, warm);
}
