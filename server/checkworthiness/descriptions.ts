/**
 * What each named feature (features.ts) means, in words an editor reads as a
 * reason for a score: "gives a figure: 2.4 million".
 */
import type { Feature } from './features';

/** What a named feature means, for an editor; `detail` is the words that made it. */
const DESCRIPTIONS: Readonly<Record<string, string>> = {
  figure: 'gives a figure',
  'large amount': 'counts in thousands, millions or more',
  'percent or money': 'gives a percentage or an amount of money',
  year: 'names a year',
  date: 'gives a date',
  'relative time': 'speaks of today, tonight or now',
  'time span': 'gives a time span',
  person: 'names a person',
  place: 'names a place',
  organisation: 'names an organisation',
  'other name': 'mentions a name',
  acronym: 'mentions an acronym',
  attribution: 'reports what someone said',
  'according to': 'gives a source',
  'bare attribution': 'only says who spoke, not what',
  comparison: 'makes a comparison',
  superlative: 'uses a superlative',
  'change verb': 'tells of a change or an act',
  'past event': 'reports a past event',
  'past copula': 'describes how things were',
  'present perfect': 'reports what has happened',
  future: 'predicts',
  hedge: 'hedges (may, could, would)',
  prescriptive: 'says what should happen',
  condition: 'sets a condition (if)',
  negation: 'denies something',
  'first person singular': 'speaks as I',
  'first person plural': 'speaks as we',
  'own record': "states the speaker's own record",
  'second person': 'addresses someone (you)',
  'no personal pronoun': 'speaks of others, not of I, we or you',
  'named subject': 'has a named subject',
  'noun subject': 'has a noun for subject',
  'pronoun subject': 'has a pronoun for subject',
  'other subject': 'opens with a phrase before its verb',
  'no subject': 'has no verb after a subject',
  insult: 'insults rather than describes',
  judgement: 'judges rather than describes',
  belief: 'reports a belief',
  intensifier: 'stresses rather than states',
  question: 'asks a question',
  exclamation: 'exclaims',
  'opens with a conjunction': 'continues the sentence before',
  'opens with an interjection': 'opens like talk (well, yes, thank you)',
  'no words': 'has no words (applause, crosstalk)',
  'minor speaker': 'is said by a minor speaker (a moderator?)',
  'main speaker': 'is said by the main voice of the text',
  questioner: 'is said by a speaker who asks many questions (a moderator?)',
  'short turn': 'stands in a short turn',
  'opens the turn': "opens a speaker's turn",
  'answers a question': 'answers a question',
  talk: 'comes from talk (many sentences say I or you)',
  'long sentences': 'comes from a text of long sentences',
  disputed: 'another speaker soon calls something wrong or false',
  echoed: 'other speakers take up its words nearby',
};

export function describe(feature: Feature): string {
  const length = /^length (.+)$/.exec(feature.id);
  const words = length ? `is ${length[1]} words long` : (DESCRIPTIONS[feature.id] ?? feature.id);
  return feature.detail ? `${words}: ${feature.detail}` : words;
}
