/**
 * Narrowing a sentence to its asserting clauses, so that a sentence holding
 * two assertions becomes two suggestions. compromise's `clauses()` proposes
 * where a sentence may split (commas, conjunctions, relative pronouns); a
 * split is made only where the part before holds a clause (a subject and a
 * finite verb) and the part after asserts something on its own:
 *
 * - a clause with its own subject and verb, after "; ", ", and", ", but",
 *   " while ", " whereas ", ", yet";
 * - a participle that goes on (", suggesting that …", ", raising concerns in …");
 * - ", with" and a subject doing something (", with Russia supplying oil");
 * - ", who …" or ", which …" with its own verb, once the main clause is complete.
 *
 * A list ("ammunition, workers, and volunteers"), a second verb without a
 * subject (", and left the country") or a relative clause inside the subject
 * ("The mayor, who took office in 2020, promised …") stays with its sentence.
 */
import type { Token } from './parse';

/** Conjunctions that join two independent clauses; the first three also without a comma. */
const JOINERS = new Set(['while', 'whereas', 'but', 'and', 'yet']);
const BARE_JOINERS = new Set(['while', 'whereas', 'but']);
const RELATIVES = new Set(['who', 'which']);
/** Participles that work as prepositions ("according to", "including"): no assertion of their own. */
const PREPOSITION_LIKE = new Set([
  'according',
  'including',
  'regarding',
  'concerning',
  'following',
  'excluding',
  'considering',
  'owing',
  'pending',
  'during',
]);
/** Words that may stand before a clause's subject: "only 1,200 were built", "the new rules apply". */
const BEFORE_SUBJECT = ['Determiner', 'Adjective', 'Adverb', 'Value', 'Possessive'];
const SUBJECT = ['Noun', 'Pronoun', 'Value'];
/** Words a subject may hold before its verb: "the price of oil rose". */
const IN_SUBJECT = [...SUBJECT, ...BEFORE_SUBJECT, 'Preposition', 'Conjunction'];

const hasAny = (token: Token, tags: readonly string[]) => tags.some((tag) => token.tags.has(tag));

/** A verb that makes a clause on its own: not "raising", not "to extend". */
function isFiniteVerb(tokens: readonly Token[], index: number): boolean {
  const token = tokens[index];
  if (!token.tags.has('Verb') || token.tags.has('Gerund')) {
    return false;
  }
  return !(token.tags.has('Infinitive') && tokens[index - 1]?.normal === 'to');
}

/** Somewhere a noun, pronoun or figure followed by a finite verb. */
function holdsClause(tokens: readonly Token[]): boolean {
  let sawSubject = false;
  for (let i = 0; i < tokens.length; i++) {
    if (sawSubject && isFiniteVerb(tokens, i)) {
      return true;
    }
    sawSubject ||= hasAny(tokens[i], SUBJECT) && !tokens[i].tags.has('Verb');
  }
  return false;
}

/** Opens with a subject (after at most a few modifiers) that its own finite verb follows. */
function opensClause(tokens: readonly Token[]): boolean {
  let i = 0;
  while (i < tokens.length && hasAny(tokens[i], BEFORE_SUBJECT) && !hasAny(tokens[i], SUBJECT)) {
    i++;
  }
  if (i >= tokens.length || !hasAny(tokens[i], SUBJECT) || tokens[i].tags.has('Verb')) {
    return false;
  }
  for (; i < tokens.length; i++) {
    if (tokens[i].tags.has('Verb')) {
      return isFiniteVerb(tokens, i);
    }
    if (!hasAny(tokens[i], IN_SUBJECT) || /[,;:]/.test(tokens[i].post)) {
      return false;
    }
  }
  return false;
}

/** ", suggesting that …": a participle with at least two more words. */
function opensParticiple(tokens: readonly Token[]): boolean {
  const first = tokens[0];
  return (
    tokens.length >= 3 &&
    first.tags.has('Gerund') &&
    !PREPOSITION_LIKE.has(first.normal) &&
    !/[,;:]/.test(first.post)
  );
}

/** ", with Russia supplying oil": "with", a few words of subject, a participle. */
function opensWithClause(tokens: readonly Token[]): boolean {
  if (tokens[0]?.normal !== 'with') {
    return false;
  }
  for (let i = 1; i < Math.min(tokens.length - 1, 6); i++) {
    if (tokens[i].tags.has('Gerund')) {
      return i > 1 && tokens.slice(1, i).some((t) => hasAny(t, SUBJECT));
    }
    if (!hasAny(tokens[i], IN_SUBJECT)) {
      return false;
    }
  }
  return false;
}

/** ", who has expressed …": a relative pronoun and, soon after, its own finite verb. */
function opensRelative(tokens: readonly Token[]): boolean {
  if (!RELATIVES.has(tokens[0]?.normal ?? '')) {
    return false;
  }
  for (let i = 1; i < Math.min(tokens.length, 4); i++) {
    if (isFiniteVerb(tokens, i)) {
      return true;
    }
  }
  return false;
}

/** Where a second clause may start: [last word before the join, first word of the clause]. */
function joins(tokens: readonly Token[]): [number, number][] {
  const found: [number, number][] = [];
  for (let i = 0; i < tokens.length - 2; i++) {
    const next = tokens[i + 1];
    if (tokens[i].post.includes(';')) {
      found.push([i, i + 1]);
    } else if (next.clauseStart || (/,/.test(tokens[i].post) && JOINERS.has(next.normal))) {
      // A conjunction opening the clause is left out of it: "while the Kremlin states" → "the Kremlin states".
      found.push([i, JOINERS.has(next.normal) ? i + 2 : i + 1]);
    } else if (BARE_JOINERS.has(next.normal) && /^\s+$/.test(tokens[i].post)) {
      found.push([i, i + 2]);
    }
  }
  return found;
}

/** Whether the words after a join assert something on their own (see the list above). */
function asserts(right: readonly Token[], joinedByConjunction: boolean): boolean {
  if (opensClause(right)) {
    return true;
  }
  return (
    !joinedByConjunction &&
    (opensParticiple(right) || opensWithClause(right) || opensRelative(right))
  );
}

/**
 * Splits a sentence's tokens into clauses, as [first, last] token index pairs
 * (inclusive), in order. A sentence of one assertion is one clause.
 */
export function clauses(tokens: readonly Token[]): [number, number][] {
  const result: [number, number][] = [];
  let from = 0;
  for (const [lastBefore, firstAfter] of joins(tokens)) {
    if (lastBefore < from || firstAfter >= tokens.length) {
      continue;
    }
    const left = tokens.slice(from, lastBefore + 1);
    const right = tokens.slice(firstAfter);
    if (holdsClause(left) && asserts(right, firstAfter > lastBefore + 1)) {
      result.push([from, lastBefore]);
      from = firstAfter;
    }
  }
  result.push([from, tokens.length - 1]);
  return result;
}
