/**
 * What the model reads in a sentence: named features (figures, dates, names,
 * attribution, comparison, tense, modality, person, opinion, shape, where it
 * stands in a speaker's turn) and its words. Each feature says what it found,
 * so a score's reasons can be given in words. How much each counts is learnt.
 */
import type { Word } from './analyse';
import {
  figureWords,
  has,
  isBareAttribution,
  isCapitalised,
  isYear,
  lengthBin,
  list,
  nameRuns,
  presentPerfect,
  subjectOf,
} from './phrases';
import {
  ATTRIBUTION_VERBS,
  BELIEF_VERBS,
  CHANGE_VERBS,
  CONJUNCTIONS,
  FIRST_PLURAL,
  FIRST_SINGULAR,
  HEDGES,
  INTENSIFIERS,
  INTERJECTIONS,
  LARGE_NUMBERS,
  NEGATIONS,
  INSULTS,
  JUDGEMENT_WORDS,
  PRESCRIPTIVE,
  SECOND_PERSON,
} from './lexicon';

export interface Feature {
  readonly id: string;
  readonly value: number;
  /** The words that made it, for the reason shown to the editor. */
  readonly detail?: string;
}

/** Where the sentence stands; an article is one speaker's text. */
export interface SentenceContext {
  /** Share of the document's sentences spoken by this sentence's speaker (1 with no speakers). */
  readonly speakerShare: number;
  /** Share of this speaker's sentences that ask a question (0 with no speakers). */
  readonly speakerQuestions: number;
  /** Sentences in this paragraph (a speaker's turn in a transcript). */
  readonly turnSentences: number;
  readonly indexInTurn: number;
  /** The sentence before, in the document, asks a question. */
  readonly afterQuestion: boolean;
  /** Share of the document's sentences that speak as I or you: talk rather than prose. */
  readonly documentTalk: number;
  /** Mean words per sentence in the document, over 20. */
  readonly documentSentenceLength: number;
  /** Another speaker soon calls something wrong, false or a lie (exchange.ts). */
  readonly disputed: boolean;
  /** Share of its content words other speakers use nearby, 0..1 (exchange.ts). */
  readonly echoed: number;
}

/** A speaker at least this share of whose sentences are questions is read as one who asks (a moderator). */
const QUESTIONER_SHARE = 0.12;

/**
 * The named features of a sentence (or clause) in its context; `asks` when
 * its sentence is a question (a clause of one does not end in "?" itself).
 */
export function namedFeatures(
  all: readonly Word[],
  context: SentenceContext,
  asks?: boolean,
): Feature[] {
  const words = all.filter((w) => w.text !== '' || w.normal !== '');
  const written = words.filter((w) => w.text !== '');
  const found: Feature[] = [];
  const add = (id: string, hits: readonly Word[] | boolean, value = 1) => {
    if (hits === true) {
      found.push({ id, value });
    } else if (hits !== false && hits.length > 0) {
      found.push({ id, value, detail: list(hits) });
    }
  };
  const lastPost = written[written.length - 1]?.post ?? '';

  const figures = figureWords(words);
  add('figure', figures);
  add(
    'large amount',
    words.filter((w) => LARGE_NUMBERS.has(w.root.replace(/s$/, ''))),
  );
  add(
    'percent or money',
    words.filter(
      (w) =>
        has(w, 'Money') || has(w, 'Percent') || /[%$£€]/.test(w.text) || w.normal === 'percent',
    ),
  );
  add('year', words.filter(isYear));
  const dates = words.filter((w) => has(w, 'Date') && !isYear(w) && !has(w, 'Duration'));
  const calendar = (w: Word) => ['Month', 'WeekDay', 'Holiday'].some((t) => has(w, t));
  add('date', dates.filter(calendar));
  // "today", "tonight", "now": talk about the moment, not a date to check.
  add(
    'relative time',
    dates.filter((w) => !calendar(w)),
  );
  add(
    'time span',
    words.filter((w) => has(w, 'Duration')),
  );

  // Names must be written with a capital: "I've" and "I'll" are never people.
  const named = (tag: string) =>
    written.filter((w) => has(w, tag) && isCapitalised(w) && !has(w, 'Pronoun'));
  const people = named('Person').filter((w) => !has(w, 'Honorific'));
  if (people.length > 0) {
    found.push({ id: 'person', value: 1, detail: nameRuns(written, people).join(', ') });
  }
  add('place', named('Place'));
  add('organisation', named('Organization'));
  add(
    'other name',
    written.filter(
      (w, i) =>
        i > 0 &&
        isCapitalised(w) &&
        !has(w, 'Pronoun') &&
        w.normal !== 'i' &&
        !['Person', 'Place', 'Organization', 'Date'].some((t) => has(w, t)),
    ),
  );
  add(
    'acronym',
    written.filter((w) => has(w, 'Acronym') || /^[A-Z]{2,5}$/.test(w.text)),
  );

  const attributions = words.filter((w) => has(w, 'Verb') && ATTRIBUTION_VERBS.has(w.root));
  add('attribution', attributions);
  add(
    'according to',
    words.filter((w, i) => w.normal === 'according' && words[i + 1]?.normal === 'to'),
  );
  add('bare attribution', isBareAttribution(words));

  add(
    'comparison',
    words.filter(
      (w) =>
        (has(w, 'Comparative') && /(er|more|less|fewer|worse)$/.test(w.normal)) ||
        ['than', 'twice', 'half'].includes(w.normal),
    ),
  );
  add(
    'superlative',
    words.filter((w) => has(w, 'Superlative') || w.normal === 'most'),
  );
  const changes = words.filter((w) => has(w, 'Verb') && CHANGE_VERBS.has(w.root));
  add('change verb', changes);

  const past = words.filter((w) => has(w, 'PastTense') && !has(w, 'Copula'));
  add('past event', past);
  add(
    'past copula',
    words.filter((w) => has(w, 'PastTense') && has(w, 'Copula')),
  );
  const perfect = presentPerfect(words);
  add('present perfect', perfect ? [perfect] : false);
  add(
    'future',
    words.filter(
      (w, i) => w.normal === 'will' || (w.normal === 'going' && words[i + 1]?.normal === 'to'),
    ),
  );
  add(
    'hedge',
    words.filter((w) => HEDGES.has(w.normal)),
  );
  add(
    'prescriptive',
    words.filter(
      (w, i) => PRESCRIPTIVE.has(w.normal) || (w.root === 'need' && words[i + 1]?.normal === 'to'),
    ),
  );
  add(
    'condition',
    words.filter((w) => w.normal === 'if'),
  );
  add(
    'negation',
    words.filter((w) => NEGATIONS.has(w.normal) || w.normal === "n't"),
  );

  const singular = words.filter((w) => FIRST_SINGULAR.has(w.normal));
  const plural = words.filter((w) => FIRST_PLURAL.has(w.normal) && w.text !== 'US');
  add('first person singular', singular);
  add('first person plural', plural);
  // A speaker's own record ("we have created 2.4 million new jobs") is as checkable as anyone's.
  const record =
    (perfect !== null || past.length > 0) && (figures.length > 0 || changes.length > 0);
  add('own record', singular.length + plural.length > 0 && record);
  add(
    'second person',
    words.filter((w) => SECOND_PERSON.has(w.normal)),
  );
  add(
    'no personal pronoun',
    singular.length + plural.length === 0 && !words.some((w) => SECOND_PERSON.has(w.normal)),
  );
  const subject = subjectOf(words);
  add(`${subject.kind} subject`, subject.words);

  add(
    'insult',
    words.filter((w) => INSULTS.has(w.normal) || INSULTS.has(w.root)),
  );
  add(
    'judgement',
    words.filter((w) => JUDGEMENT_WORDS.has(w.normal) || JUDGEMENT_WORDS.has(w.root)),
  );
  add(
    'belief',
    words.filter((w) => has(w, 'Verb') && BELIEF_VERBS.has(w.root)),
  );
  add(
    'intensifier',
    words.filter((w) => INTENSIFIERS.has(w.normal)),
  );

  add('question', asks ?? lastPost.includes('?'));
  add('exclamation', lastPost.includes('!'));
  add(lengthBin(written.length), true);
  add('opens with a conjunction', CONJUNCTIONS.has(written[0]?.normal ?? ''));
  add('opens with an interjection', INTERJECTIONS.has(written[0]?.normal ?? ''));
  add(
    'no words',
    written.every((w) => !/\p{L}/u.test(w.text) || /^\(/.test(w.text)),
  );

  // Where it stands: a minor speaker (a moderator) asks; a main speaker's long turn asserts.
  add('minor speaker', context.speakerShare < 0.12);
  add('main speaker', true, context.speakerShare);
  // A moderator asks: in the training transcripts every moderator's sentences were 14–35% questions,
  // every candidate's 8% or fewer. In a debate of five candidates "minor speaker" cannot tell them apart.
  add('questioner', context.speakerQuestions >= QUESTIONER_SHARE);
  add('short turn', context.turnSentences <= 2);
  add('opens the turn', context.indexInTurn === 0);
  add('answers a question', context.afterQuestion && context.indexInTurn === 0);
  // What kind of text: talk (I and you in many sentences) or prose, where more sentences assert.
  add('talk', true, context.documentTalk);
  add('long sentences', true, context.documentSentenceLength);
  // What the other speakers do with it: a claim that is disputed or argued over is one to check.
  add('disputed', context.disputed);
  if (context.echoed > 0) {
    found.push({ id: 'echoed', value: context.echoed });
  }
  return found;
}
