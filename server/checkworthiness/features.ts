/**
 * What the model reads in a sentence: named features (figures, dates, names,
 * attribution, comparison, tense, modality, person, opinion, shape, where it
 * stands in a speaker's turn) and its words. Each feature says what it found,
 * so a score's reasons can be given in words. How much each counts is learnt.
 */
import type { Word } from './analyse';
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
  NUMBER_WORDS,
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
  /** Sentences in this paragraph (a speaker's turn in a transcript). */
  readonly turnSentences: number;
  readonly indexInTurn: number;
  /** The sentence before, in the document, asks a question. */
  readonly afterQuestion: boolean;
  /** Share of the document's sentences that speak as I or you: talk rather than prose. */
  readonly documentTalk: number;
  /** Mean words per sentence in the document, over 20. */
  readonly documentSentenceLength: number;
}

const has = (w: Word, tag: string) => w.tags.has(tag);
const isCapitalised = (w: Word) => /^\p{Lu}/u.test(w.text);
const isYear = (w: Word) => has(w, 'Year') || /^(1[89]|20)\d\d$/.test(w.text);
const list = (words: readonly Word[]) =>
  [...new Set(words.map((w) => w.text || w.normal))].join(', ');

/** Figures: digits that are not a year, number words that count ("two", "million", not "one"), amounts. */
function figureWords(words: readonly Word[]): Word[] {
  return words.filter(
    (w) =>
      (/\d/.test(w.text) && !isYear(w)) ||
      (NUMBER_WORDS.has(w.normal) && !has(w, 'Verb')) ||
      has(w, 'Money') ||
      has(w, 'Percent'),
  );
}

/** "he said.", "X told media.": a speech verb with nothing said after it. */
function isBareAttribution(words: readonly Word[]): boolean {
  const verbs = words.filter((w) => has(w, 'Verb') && !has(w, 'Auxiliary') && w.text !== '');
  const last = verbs[verbs.length - 1];
  if (!last || !ATTRIBUTION_VERBS.has(last.root)) {
    return false;
  }
  const after = words.slice(words.indexOf(last) + 1).filter((w) => w.text !== '');
  const before = verbs.slice(0, -1).filter((w) => !has(w, 'Copula'));
  return (
    before.length === 0 &&
    after.length <= 3 &&
    !after.some((w) => /\d/.test(w.text) || w.normal === 'that')
  );
}

/** Each person's whole name as written: "Kim Jong Un", "Putin" (not "Putin’s"). */
function nameRuns(written: readonly Word[], people: readonly Word[]): string[] {
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
function presentPerfect(words: readonly Word[]): Word | null {
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
function subjectOf(words: readonly Word[]): { kind: string; words: Word[] } {
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

function lengthBin(count: number): string {
  const bins: [number, string][] = [
    [3, '1-3'],
    [7, '4-7'],
    [14, '8-14'],
    [25, '15-25'],
  ];
  return `length ${bins.find(([most]) => count <= most)?.[1] ?? '26+'}`;
}

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
  add('short turn', context.turnSentences <= 2);
  add('opens the turn', context.indexInTurn === 0);
  add('answers a question', context.afterQuestion && context.indexInTurn === 0);
  // What kind of text: talk (I and you in many sentences) or prose, where more sentences assert.
  add('talk', true, context.documentTalk);
  add('long sentences', true, context.documentSentenceLength);
  return found;
}
