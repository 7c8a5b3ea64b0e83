/**
 * Check-worthiness of one clause, from what compromise tags in it: what makes
 * a statement checkable (figures, dates, named people, places and
 * organisations, attribution, comparisons, reported events) raises the score;
 * questions and opinion (first person, "should", judgement without facts) lower
 * it. Every signal found becomes a reason the editor reads.
 */
import type { ClaimKind } from '../../src/domain/claim';
import type { Token } from './parse';
import { ATTRIBUTION_VERBS } from '../checkworthiness/lexicon';

export interface ClauseScore {
  /** 0..1, two decimals. */
  readonly score: number;
  readonly reasons: readonly string[];
  readonly kind: ClaimKind;
}

/** How much each signal raises the score; they combine as independent chances (1 − Π(1 − w)). */
const WEIGHTS = {
  figure: 0.45,
  date: 0.35,
  vagueDate: 0.15,
  person: 0.35,
  organisation: 0.3,
  place: 0.25,
  name: 0.25,
  anotherName: 0.1,
  attribution: 0.35,
  comparison: 0.2,
  superlative: 0.25,
  event: 0.15,
} as const;

/** What each sign of opinion leaves of the score. */
const DAMPING = {
  question: 0.15,
  firstPerson: 0.5,
  prescriptive: 0.5,
  judgement: 0.4,
} as const;

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

const FIRST_PERSON = new Set([
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
const PRESCRIPTIVE = new Set(['should', 'ought', 'must']);
/** Words that judge rather than describe. */
const JUDGEMENT = new Set([
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
const OPINION_VERBS = new Set(['argue', 'believe', 'think', 'feel', 'reckon']);
const COMPARISON_WORDS = new Set(['than', 'twice', 'doubled', 'tripled', 'halved']);
const PREDICTION = new Set(['may', 'might', 'could', 'would', 'will', 'likely', 'expected']);
/** Period words that only anchor a date when something pins them ("last year", "in 2000"). */
const DATE_ANCHORS = ['Year', 'Month', 'WeekDay', 'Time', 'Holiday', 'Value'];
/** Words that pin a period to the calendar: "last year", "next month". */
const DATE_QUALIFIERS = new Set([
  'last',
  'next',
  'past',
  'coming',
  'previous',
  'recent',
  'early',
  'late',
]);

const has = (token: Token, tag: string) => token.tags.has(tag);
const words = (tokens: readonly Token[]) => tokens.filter((t) => t.text !== '');

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
function figures(tokens: readonly Token[]): string[] {
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

function dates(tokens: readonly Token[]): { specific: string[]; vague: string[] } {
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
function namedThings(tokens: readonly Token[], personWords: ReadonlySet<Token>) {
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

const unique = (values: string[]) => [...new Set(values.filter((v) => v.length > 0))];

/** Scores a clause's tokens; `isQuestion` when its sentence asks rather than states. */
export function scoreClause(clause: readonly Token[], isQuestion: boolean): ClauseScore {
  const tokens = words(clause);
  const reasons: string[] = [];
  const raised: number[] = [];
  const raise = (weight: number, reason: string) => {
    raised.push(weight);
    reasons.push(reason);
  };

  const figureList = unique(figures(tokens));
  if (figureList.length > 0) {
    raise(WEIGHTS.figure, `contains a figure: ${figureList.join(', ')}`);
  }
  const { specific, vague } = dates(tokens);
  if (specific.length > 0) {
    raise(WEIGHTS.date, `gives a date: ${unique(specific).join(', ')}`);
  } else if (vague.length > 0) {
    raise(WEIGHTS.vagueDate, `gives a time span: ${unique(vague).join(', ')}`);
  }
  const personRuns = people(tokens);
  const personList = unique(personRuns.map(phrase));
  const { organisations, places, names } = namedThings(tokens, new Set(personRuns.flat()));
  const organisationList = unique(organisations);
  const placeList = unique(places);
  const nameList = unique(names);
  if (personList.length > 0) {
    raise(WEIGHTS.person, `names a person: ${personList.join(', ')}`);
  }
  if (organisationList.length > 0) {
    raise(WEIGHTS.organisation, `names an organisation: ${organisationList.join(', ')}`);
  }
  if (placeList.length > 0) {
    raise(WEIGHTS.place, `names a place: ${placeList.join(', ')}`);
  }
  if (nameList.length > 0) {
    raise(WEIGHTS.name, `mentions a name: ${nameList.join(', ')}`);
  }
  const entityCount =
    personList.length + organisationList.length + placeList.length + nameList.length;
  if (entityCount > 1) {
    raised.push(WEIGHTS.anotherName);
  }

  const attributions = tokens.filter(
    (t, i) =>
      (has(t, 'Verb') && ATTRIBUTION.has(t.root)) ||
      (t.normal === 'according' && tokens[i + 1]?.normal === 'to'),
  );
  if (attributions.length > 0) {
    raise(
      WEIGHTS.attribution,
      `attributes it: ${unique(attributions.map((t) => (t.normal === 'according' ? 'according to' : t.text))).join(', ')}`,
    );
  }
  const comparisons = tokens.filter(
    (t) =>
      // compromise tags some plain adjectives ("rich") Comparative; a comparative is written as one.
      (has(t, 'Comparative') && /(er|more|less|fewer|worse)$/.test(t.normal)) ||
      COMPARISON_WORDS.has(t.normal),
  );
  if (comparisons.length > 0) {
    raise(
      WEIGHTS.comparison,
      `makes a comparison: ${unique(comparisons.map((t) => t.text)).join(', ')}`,
    );
  }
  const superlatives = tokens.filter(
    (t, i) =>
      (has(t, 'Superlative') && !JUDGEMENT.has(t.normal)) ||
      (t.normal === 'most' && tokens[i + 1] !== undefined && has(tokens[i + 1], 'Adjective')),
  );
  if (superlatives.length > 0) {
    raise(
      WEIGHTS.superlative,
      `uses a superlative: ${unique(superlatives.map((t) => t.text)).join(', ')}`,
    );
  }
  const pinned = entityCount > 0 || specific.length > 0;
  const events = tokens.filter(
    (t) =>
      has(t, 'PastTense') &&
      !['Copula', 'Auxiliary', 'Passive', 'Hyphenated'].some((tag) => has(t, tag)) &&
      !ATTRIBUTION.has(t.root),
  );
  if (pinned && events.length > 0) {
    raise(WEIGHTS.event, `reports an event: ${unique(events.map((t) => t.text)).join(', ')}`);
  }

  let damping = 1;
  const dampen = (factor: number, reason: string) => {
    damping *= factor;
    reasons.push(reason);
  };
  if (isQuestion) {
    dampen(DAMPING.question, 'asks a question');
  }
  // "US" the country is not "us".
  const firstPerson = tokens.filter((t) => FIRST_PERSON.has(t.normal) && t.text !== 'US');
  if (firstPerson.length > 0 && attributions.length === 0) {
    dampen(DAMPING.firstPerson, `speaks in the first person: ${firstPerson[0].text}`);
  }
  const prescriptive = tokens.filter(
    (t) => PRESCRIPTIVE.has(t.normal) || (t.normal === 'need' && has(t, 'Verb')),
  );
  if (prescriptive.length > 0) {
    dampen(DAMPING.prescriptive, `says what should happen: ${prescriptive[0].text}`);
  }
  const facts = figureList.length > 0 || specific.length > 0 || attributions.length > 0;
  const judgements = tokens.filter((t) => JUDGEMENT.has(t.normal));
  if (judgements.length > 0 && !facts) {
    dampen(DAMPING.judgement, `judges without a fact to check: ${judgements[0].text}`);
  }
  const views = tokens.filter((t) => has(t, 'Verb') && OPINION_VERBS.has(t.root));
  if (views.length > 0 && !facts) {
    dampen(DAMPING.judgement, `reports a view, not a fact: ${views[0].text}`);
  }

  const score = (1 - raised.reduce((left, w) => left * (1 - w), 1)) * damping;
  return {
    score: Math.round(score * 100) / 100,
    reasons,
    kind: kindOf({
      figure: figureList.length > 0,
      attribution: attributions.length > 0,
      prediction: tokens.some((t) => PREDICTION.has(t.normal)),
      opinion: damping < 1,
      event: events.length > 0 || specific.length > 0,
    }),
  };
}

function kindOf(
  signals: Record<'figure' | 'attribution' | 'prediction' | 'opinion' | 'event', boolean>,
): ClaimKind {
  if (signals.figure) {
    return 'figure';
  }
  if (signals.attribution) {
    return 'attribution';
  }
  if (signals.prediction) {
    return 'prediction';
  }
  if (signals.opinion) {
    return 'opinion';
  }
  return signals.event ? 'event' : 'characterisation';
}
