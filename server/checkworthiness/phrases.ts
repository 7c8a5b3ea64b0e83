/**
 * What the named features look for in a sentence's words: figures, names,
 * a bare "he said", a present perfect, the subject before the first verb.
 */
import type { Word } from './analyse';
import { ATTRIBUTION_VERBS, NUMBER_WORDS } from './lexicon';

export const has = (w: Word, tag: string) => w.tags.has(tag);
export const isCapitalised = (w: Word) => /^\p{Lu}/u.test(w.text);
export const isYear = (w: Word) => has(w, 'Year') || /^(1[89]|20)\d\d$/.test(w.text);
export const list = (words: readonly Word[]) =>
  [...new Set(words.map((w) => w.text || w.normal))].join(', ');

/** Figures: digits that are not a year, number words that count ("two", "million", not "one"), amounts. */
export function figureWords(words: readonly Word[]): Word[] {
  return words.filter(
    (w) =>
      (/\d/.test(w.text) && !isYear(w)) ||
      (NUMBER_WORDS.has(w.normal) && !has(w, 'Verb')) ||
      has(w, 'Money') ||
      has(w, 'Percent'),
  );
}

/** "he said.", "X told media.": a speech verb with nothing said after it. */
export function isBareAttribution(words: readonly Word[]): boolean {
  const verbs = words.filter((w) => has(w, 'Verb') && !has(w, 'Auxiliary') && w.text !== '');
  const last = verbs[verbs.length - 1];
  if (!last || !ATTRIBUTION_VERBS.has(last.root)) {
    return false;
  }
  const after = words.slice(words.indexOf(last) + 1).filter((w) => w.text !== '');
  const before = verbs.slice(0, -1).filter((w) => !has(w, 'Copula'));
  // "“The budget rose 12% in 2023,” the minister said.": the claim came first, quoted or with a figure.
  const said = words.slice(0, words.indexOf(last));
  if (said.some((w) => /\d/.test(w.text) || /["”’»]/.test(w.post))) {
    return false;
  }
  return (
    before.length === 0 &&
    after.length <= 3 &&
    !after.some((w) => /\d/.test(w.text) || w.normal === 'that')
  );
}

/** Each person's whole name as written: "Kim Jong Un", "Putin" (not "Putin’s"). */
export function nameRuns(written: readonly Word[], people: readonly Word[]): string[] {
  const runs = new Set<string>();
  for (let i = 0; i < written.length; i++) {
    if (!people.includes(written[i])) {
      continue;
    }
    const run = [written[i]];
    while (
      i + 1 < written.length &&
      /^\s+$/.test(written[i].post) &&
      isCapitalised(written[i + 1]) &&
      !has(written[i + 1], 'Place') &&
      !has(written[i + 1], 'Organization')
    ) {
      run.push(written[++i]);
    }
    runs.add(
      run
        .map((w) => w.text)
        .join(' ')
        .replace(/['’]s$/, ''),
    );
  }
  return [...runs];
}

/** have/has/had followed (within two words) by a past form: "we have created", "has not risen". */
export function presentPerfect(words: readonly Word[]): Word | null {
  for (let i = 0; i < words.length; i++) {
    if (['have', 'has', 'had'].includes(words[i].normal)) {
      for (let j = i + 1; j <= i + 3 && j < words.length; j++) {
        if (has(words[j], 'PastTense') || has(words[j], 'Participle')) {
          return words[j];
        }
      }
    }
  }
  return null;
}

/** The words before the first verb, and what they are: a name, a pronoun or another noun. */
export function subjectOf(words: readonly Word[]): { kind: string; words: Word[] } {
  const verb = words.findIndex((w) => has(w, 'Verb') && !has(w, 'Gerund'));
  const before = words.slice(0, Math.max(0, verb));
  if (verb < 0 || before.length === 0) {
    return { kind: 'no', words: [] };
  }
  if (before.some((w) => has(w, 'Pronoun'))) {
    return { kind: 'pronoun', words: [] };
  }
  const names = before.filter(
    (w) =>
      isCapitalised(w) &&
      (has(w, 'ProperNoun') || has(w, 'Person') || has(w, 'Place') || has(w, 'Organization')),
  );
  if (names.length > 0) {
    return { kind: 'named', words: names };
  }
  return {
    kind: before.some((w) => has(w, 'Noun')) ? 'noun' : 'other',
    words: before.filter((w) => has(w, 'Noun')),
  };
}

export function lengthBin(count: number): string {
  const bins: [number, string][] = [
    [3, '1-3'],
    [7, '4-7'],
    [14, '8-14'],
    [25, '15-25'],
  ];
  return `length ${bins.find(([most]) => count <= most)?.[1] ?? '26+'}`;
}
