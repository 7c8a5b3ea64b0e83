/**
 * What a clause's tokens hold, read from compromise's tags: runs of words,
 * people's names, dates (pinned to the calendar or vague), figures with what
 * they count, and other named things. score.ts weighs them; attribution.ts
 * reads names from them.
 */
import type { Token } from './parse';
import { DATE_ANCHORS, DATE_QUALIFIERS } from './clause-words';

export const has = (token: Token, tag: string) => token.tags.has(tag);
export const words = (tokens: readonly Token[]) => tokens.filter((t) => t.text !== '');

/** The words of a run as written, without a trailing possessive. */
export function phrase(tokens: readonly Token[]): string {
  return tokens
    .map((t, i) => t.text + (i < tokens.length - 1 ? t.post.replace(/\s+/g, ' ') : ''))
    .join('')
    .replace(/['’]s$/, '')
    .trim();
}

/** Runs of consecutive words that all pass `test`, not broken by punctuation. */
function runs(tokens: readonly Token[], test: (token: Token, index: number) => boolean): Token[][] {
  const found: Token[][] = [];
  let current: Token[] = [];
  tokens.forEach((token, index) => {
    if (test(token, index)) {
      current.push(token);
    } else if (current.length > 0) {
      found.push(current);
      current = [];
    }
    if (current.length > 0 && /[^\s'’-]/.test(token.post)) {
      found.push(current);
      current = [];
    }
  });
  if (current.length > 0) {
    found.push(current);
  }
  return found;
}

/** People's names: tagged words, then capitalised words that continue them ("Kim Jong Un"). */
export function people(tokens: readonly Token[]): Token[][] {
  const names: Token[][] = [];
  for (let i = 0; i < tokens.length; i++) {
    if (!has(tokens[i], 'Person') || has(tokens[i], 'Pronoun')) {
      continue;
    }
    let j = i;
    while (
      j + 1 < tokens.length &&
      /^\s+$/.test(tokens[j].post) &&
      /^\p{Lu}/u.test(tokens[j + 1].text) &&
      !has(tokens[j + 1], 'Place') &&
      !has(tokens[j + 1], 'Organization')
    ) {
      j++;
    }
    const run = tokens.slice(i, j + 1);
    if (run.some((t) => !has(t, 'Honorific'))) {
      names.push(run);
    }
    i = j;
  }
  return names;
}

/** A date word, or a year compromise left untagged ("since 2012"): four digits after a preposition. */
function isDate(tokens: readonly Token[], index: number): boolean {
  const token = tokens[index];
  return (
    has(token, 'Date') ||
    (/^(1[5-9]|20)\d\d$/.test(token.text) && has(tokens[index - 1] ?? token, 'Preposition'))
  );
}

/** Figures: numbers, amounts and ordinals with the noun they count ("24 years", "second visit"). */
export function figures(tokens: readonly Token[]): string[] {
  const found: string[] = [];
  for (const run of runs(tokens, (t, i) => has(t, 'Value') && !isDate(tokens, i))) {
    const end = tokens.indexOf(run[run.length - 1]);
    const counted: Token[] = [];
    for (let k = end + 1; k < tokens.length && counted.length < 3; k++) {
      if (
        !has(tokens[k], 'Noun') ||
        has(tokens[k], 'Pronoun') ||
        /[^\s]/.test(tokens[k - 1].post)
      ) {
        break;
      }
      counted.push(tokens[k]);
    }
    found.push(phrase([...run, ...counted]));
  }
  return found;
}

export function dates(tokens: readonly Token[]): { specific: string[]; vague: string[] } {
  const specific: string[] = [];
  const vague: string[] = [];
  for (const run of runs(tokens, (_t, i) => isDate(tokens, i))) {
    const start = tokens.indexOf(run[0]);
    const before = tokens[start - 1];
    const qualified =
      before && DATE_QUALIFIERS.has(before.normal) && /^\s+$/.test(before.post)
        ? [before, ...run]
        : run;
    const anchored =
      qualified.length > run.length || run.some((t) => DATE_ANCHORS.some((a) => has(t, a)));
    (anchored ? specific : vague).push(phrase(qualified));
  }
  return { specific, vague };
}

/** Named things compromise tags by kind; other proper names are kept as plain names. */
export function namedThings(tokens: readonly Token[], personWords: ReadonlySet<Token>) {
  const organisations = runs(tokens, (t) => has(t, 'Organization')).map((run) =>
    phrase(run.filter((t) => !has(t, 'Determiner') && t.normal !== 'the')),
  );
  const places = runs(tokens, (t) => has(t, 'Place')).map(phrase);
  const names = runs(
    tokens,
    (t, i) =>
      (has(t, 'ProperNoun') || has(t, 'Acronym')) &&
      !personWords.has(t) &&
      !has(t, 'Person') &&
      !has(t, 'Place') &&
      !has(t, 'Organization') &&
      !has(t, 'Demonym') &&
      !has(t, 'Date') &&
      // A capital at the start of a sentence is no sign of a name.
      (i > 0 || /^\p{Lu}{2,}/u.test(t.text)),
  ).map(phrase);
  return { organisations, places, names };
}

export const unique = (values: string[]) => [...new Set(values.filter((v) => v.length > 0))];
