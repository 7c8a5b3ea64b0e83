/**
 * Check-worthiness of one clause, from what compromise tags in it: what makes
 * a statement checkable (figures, dates, named people, places and
 * organisations, attribution, comparisons, reported events) raises the score;
 * questions and opinion (first person, "should", judgement without facts) lower
 * it. Every signal found becomes a reason the editor reads.
 */
import type { ClaimKind } from '../../src/domain/claim';
import type { Token } from './parse';
import { dates, figures, has, namedThings, people, phrase, unique, words } from './clause-signals';
import {
  ATTRIBUTION,
  COMPARISON_WORDS,
  FIRST_PERSON,
  JUDGEMENT,
  OPINION_VERBS,
  PREDICTION,
  PRESCRIPTIVE,
} from './clause-words';

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
