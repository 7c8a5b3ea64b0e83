/**
 * The word lists the hand-read clause signals (clause-signals.ts, score.ts)
 * look for: attribution, first person, prescription, judgement, opinion,
 * comparison, prediction and what pins a period to the calendar.
 */
import { ATTRIBUTION_VERBS } from '../checkworthiness/lexicon';

/**
 * Verbs (by dictionary form) that attribute a statement to a source: the model's
 * reporting verbs, and those that attribute a view or a promise rather than report it.
 */
export const ATTRIBUTION: ReadonlySet<string> = new Set([
  ...ATTRIBUTION_VERBS,
  'suggest',
  'describe',
  'express',
  'caution',
  'predict',
  'accuse',
  'promise',
  'pledge',
  'vow',
]);

export const FIRST_PERSON = new Set([
  'i',
  'me',
  'my',
  'mine',
  'myself',
  'we',
  'us',
  'our',
  'ours',
  'ourselves',
]);
export const PRESCRIPTIVE = new Set(['should', 'ought', 'must']);
/** Words that judge rather than describe. */
export const JUDGEMENT = new Set([
  'good',
  'bad',
  'great',
  'terrible',
  'awful',
  'wonderful',
  'excellent',
  'fantastic',
  'brilliant',
  'amazing',
  'incredible',
  'horrible',
  'disgraceful',
  'disgrace',
  'shameful',
  'outrageous',
  'ridiculous',
  'absurd',
  'stupid',
  'foolish',
  'wise',
  'beautiful',
  'ugly',
  'disappointing',
  'impressive',
  'admirable',
  'deplorable',
  'appalling',
  'unacceptable',
  'unfair',
  'wrong',
  'misguided',
  'reckless',
  'irresponsible',
  'naive',
  'pathetic',
  'shocking',
  'insane',
  'crazy',
  'boring',
  'delightful',
  'lovely',
  'nice',
  'best',
  'worst',
  'waste',
  'disaster',
  'mistake',
  'nonsense',
  'scandal',
  'failure',
]);
/** Verbs that report a view, not a fact: "critics argue the plan is a waste". */
export const OPINION_VERBS = new Set(['argue', 'believe', 'think', 'feel', 'reckon']);
export const COMPARISON_WORDS = new Set(['than', 'twice', 'doubled', 'tripled', 'halved']);
export const PREDICTION = new Set(['may', 'might', 'could', 'would', 'will', 'likely', 'expected']);
/** Period words that only anchor a date when something pins them ("last year", "in 2000"). */
export const DATE_ANCHORS = ['Year', 'Month', 'WeekDay', 'Time', 'Holiday', 'Value'];
/** Words that pin a period to the calendar: "last year", "next month". */
export const DATE_QUALIFIERS = new Set([
  'last',
  'next',
  'past',
  'coming',
  'previous',
  'recent',
  'early',
  'late',
]);
