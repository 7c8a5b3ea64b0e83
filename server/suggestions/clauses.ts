/**
 * Narrowing a sentence to its asserting clauses: where two assertions are
 * joined by "; " or by ", while", ", but", ", and", ", whereas" or ", yet", each
 * with its own subject and verb, each becomes its own suggestion. A list ("ammunition,
 * workers, and volunteers") or a trailing phrase (", raising concerns") is not a clause
 * and stays with its sentence.
 */
import type { Token } from './parse';

/** Conjunctions that join two independent clauses after a comma. */
const JOINERS = new Set(['while', 'but', 'and', 'whereas', 'yet']);
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

/** Where a second clause may start: [index of the last word before the join, index of the first word after it]. */
function joins(tokens: readonly Token[]): [number, number][] {
  const found: [number, number][] = [];
  for (let i = 0; i < tokens.length - 1; i++) {
    const post = tokens[i].post;
    if (post.includes(';')) {
      found.push([i, i + 1]);
    } else if (post.includes(',') && JOINERS.has(tokens[i + 1].normal) && i + 2 < tokens.length) {
      found.push([i, i + 2]);
    }
  }
  return found;
}

/**
 * Splits a sentence's tokens into clauses, as [first, last] token index pairs
 * (inclusive), in order. A sentence of one assertion is one clause.
 */
export function clauses(tokens: readonly Token[]): [number, number][] {
  const result: [number, number][] = [];
  let from = 0;
  for (const [lastBefore, firstAfter] of joins(tokens)) {
    if (lastBefore < from) {
      continue;
    }
    const left = tokens.slice(from, lastBefore + 1);
    const right = tokens.slice(firstAfter);
    if (holdsClause(left) && opensClause(right)) {
      result.push([from, lastBefore]);
      from = firstAfter;
    }
  }
  result.push([from, tokens.length - 1]);
  return result;
}
