/**
 * A sentence the check-worthiness model has read (compromise's tokenizer,
 * lexicon and pre-tagger, server/checkworthiness/analyse.ts) as the
 * suggester's tokens, with the places a clause may start marked. Narrowing a
 * suggested sentence to its clauses reads these instead of parsing the
 * sentence again with compromise's full tagger and `clauses()`: that second
 * parse cost five times the model's whole reading, and 200,000 characters must
 * be suggested in under a second. clauses.ts still decides whether a split
 * stands (a clause on the left, an assertion on the right).
 */
import type { Word } from '../checkworthiness/analyse';
import type { Token } from './parse';

/** Punctuation after a word that may end a clause: a comma, a colon, a dash, an ellipsis. */
const CLAUSE_BREAK = /[,:;…]|\s[-–—]{1,2}\s|\.\.\./;
/** After these, a comma is no clause's end: "Tuesday, March 2", "July 6, 1992", "Toronto, Canada". */
const LIST_AFTER = new Set(['and', 'or']);
/** Openings compromise's `clauses()` also splits before, commas or not. */
const SPLITS_BEFORE = new Set(['whereas', 'whose', 'although', 'supposing', 'until', 'til']);

const hasTag = (word: Word | undefined, tag: string) => word?.tags.has(tag) ?? false;

/**
 * Whether a clause may start at `words[i]`: after a comma (not inside a list
 * or a date or a place), a colon, a dash or an ellipsis, or before a word that
 * opens a subordinate clause. The rules follow compromise's `clauses()`.
 */
function opensClauseAt(words: readonly Word[], i: number): boolean {
  const before = words[i - 1];
  const word = words[i];
  if (i === 0 || i >= words.length - 1 || word.text === '') {
    return false;
  }
  if (SPLITS_BEFORE.has(word.normal)) {
    return true;
  }
  if (!CLAUSE_BREAK.test(before.post)) {
    return false;
  }
  if (!before.post.includes(',')) {
    return true;
  }
  const after = words[i + 1];
  return !(
    i === 1 ||
    /,/.test(word.post) ||
    (LIST_AFTER.has(word.normal) && after !== undefined) ||
    (hasTag(before, 'City') && hasTag(word, 'Country')) ||
    (hasTag(before, 'WeekDay') && hasTag(word, 'Date')) ||
    (hasTag(before, 'Date') && hasTag(word, 'Value')) ||
    (hasTag(before, 'Adjective') && hasTag(word, 'Adjective'))
  );
}

/** Opens a noun phrase: a verb's form right after one is a noun's ("the transport department"). */
const NOUN_PHRASE_OPENERS = ['Determiner', 'Possessive'];

/**
 * The pre-tagger's tags, with the one post-tagger correction the suggester's
 * readers need: between a determiner and a noun, a bare verb form is a noun
 * ("the transport department", "a record increase").
 */
function tagsOf(words: readonly Word[], i: number): ReadonlySet<string> {
  const word = words[i];
  const before = words[i - 1];
  const after = words[i + 1];
  if (
    word.tags.has('Verb') &&
    word.tags.has('Infinitive') &&
    !word.tags.has('Modal') &&
    NOUN_PHRASE_OPENERS.some((tag) => hasTag(before, tag)) &&
    hasTag(after, 'Noun') &&
    !hasTag(after, 'Pronoun')
  ) {
    return new Set(['Noun', 'Singular']);
  }
  return word.tags;
}

/** The words before `start` that open a quote or a bracket, as the token's `pre`. */
function preOf(text: string, word: Word, previousEnd: number): string {
  const gap = text.slice(Math.max(previousEnd, word.start - 8), word.start);
  return /\S*$/.exec(gap)?.[0] ?? '';
}

/** The sentence's words as tokens (offsets into `text`, the text the words were read from). */
export function sentenceTokens(text: string, words: readonly Word[]): Token[] {
  let previousEnd = 0;
  return words.map((word, i) => {
    const pre = word.text === '' ? '' : preOf(text, word, previousEnd);
    if (word.text !== '') {
      previousEnd = word.end;
    }
    return {
      text: word.text,
      normal: word.normal,
      root: word.root,
      tags: tagsOf(words, i),
      start: word.start,
      end: word.end,
      pre,
      post: word.post,
      clauseStart: opensClauseAt(words, i),
    };
  });
}
