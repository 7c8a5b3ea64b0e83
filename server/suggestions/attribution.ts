/**
 * Who made a claim, from the sentence it sits in: "Council leader Marion
 * Adebayo said the scheme would cost £4m" → Marion Adebayo (a person);
 * "…, the ministry said" → the ministry (an organisation); "According to the
 * IMF, …" → IMF; "Putin told reporters …" → Putin. Only a guess for a person to
 * confirm: when the sentence names nobody ("officials said", "he said") the
 * answer is null, and it is never a pronoun.
 *
 * Built on the suggester's reading of the text (compromise's tags, through
 * `parse.ts`): speech verbs and people's names as `score.ts` finds them.
 */
import type { ClaimantType } from '../../src/domain/claim';
import { parseParagraph, type Token } from './parse';
import { people } from './clause-signals';
import { ATTRIBUTION } from './clause-words';

export interface Attribution {
  readonly claimant: string;
  readonly claimantType: ClaimantType;
}

/** What a speaker phrase says: someone named, or someone the sentence does not name. */
type Speaker = Attribution | 'unnamed';

const PRONOUNS = new Set([
  'i',
  'me',
  'we',
  'us',
  'you',
  'he',
  'him',
  'she',
  'her',
  'it',
  'they',
  'them',
  'one',
  'someone',
  'somebody',
  'everyone',
  'this',
  'that',
  'who',
]);
/** Common nouns that stand for an organisation when no name is given: "the ministry said". */
const ORGANISATION_NOUNS = new Set([
  'ministry',
  'government',
  'council',
  'department',
  'agency',
  'police',
  'army',
  'military',
  'court',
  'company',
  'office',
  'commission',
  'committee',
  'parliament',
  'party',
  'administration',
  'embassy',
  'bank',
  'union',
  'authority',
  'regulator',
  'watchdog',
  'kremlin',
  'cabinet',
  'presidency',
  'board',
  'firm',
  'institute',
  'foundation',
]);
/** Words between an auxiliary-led verb and its subject: "Putin has repeatedly said". */
const BETWEEN_SUBJECT_AND_VERB = new Set(['also', 'again', 'later', 'then', 'not', 'never']);
/** Joins capitalised words into one name: "Ministry of Defence", "Bank of England". */
const NAME_JOINERS = new Set(['of', 'for', 'and', '&', 'de', 'on']);

const has = (token: Token, tag: string) => token.tags.has(tag);
/** Punctuation (a comma, a quote, a dash) between this word and the next. */
const breaksAfter = (token: Token | undefined) => token !== undefined && /[^\s]/.test(token.post);
const capitalised = (token: Token) => /^[\p{Lu}\p{N}]/u.test(token.text);
const isDay = (token: Token) => has(token, 'Date') || has(token, 'Month') || has(token, 'WeekDay');

/** The words as the article has them, possessive dropped: `text.slice` from first to last. */
function written(text: string, tokens: readonly Token[]): string {
  const first = tokens[0];
  const last = tokens[tokens.length - 1];
  return text
    .slice(first.start, last.end)
    .replace(/['’]s$/u, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Runs of capitalised words that make a name, joined by "of", "for", "and". */
function nameRuns(tokens: readonly Token[]): Token[][] {
  const found: Token[][] = [];
  let run: Token[] = [];
  const close = () => {
    while (run.length > 0 && NAME_JOINERS.has(run[run.length - 1].normal)) {
      run.pop();
    }
    // A capital alone is no sign of a name (every sentence starts with one): compromise's tags
    // are. A nationality alone is no speaker ("according to Chinese customs data").
    const named = run.some(
      (t) =>
        has(t, 'ProperNoun') ||
        has(t, 'Organization') ||
        has(t, 'Place') ||
        has(t, 'Acronym') ||
        has(t, 'Person'),
    );
    const onlyDemonyms = run.every((t) => has(t, 'Demonym'));
    if (run.length > 0 && named && !onlyDemonyms) {
      found.push(run);
    }
    run = [];
  };
  tokens.forEach((token, index) => {
    const joiner = NAME_JOINERS.has(token.normal) && run.length > 0;
    const next = tokens[index + 1];
    const nameWord =
      capitalised(token) && !has(token, 'Determiner') && !has(token, 'Pronoun') && !isDay(token);
    if (nameWord || (joiner && next !== undefined && capitalised(next))) {
      run.push(token);
      if (breaksAfter(token) && !/^\s*&\s*$/.test(token.post)) {
        close();
      }
    } else {
      close();
    }
  });
  close();
  return found;
}

/** Who a phrase names: a person, an organisation, or nobody by name. */
function speakerIn(text: string, phrase: readonly Token[]): Speaker | undefined {
  const words = phrase.filter((t) => t.text !== '');
  if (words.length === 0) {
    return undefined;
  }
  const persons = people(words)
    .map((run) => run.filter((t, i) => !(has(t, 'Honorific') && i < run.length - 1)))
    .map((run) => run.slice(run.findIndex((t) => !has(t, 'Honorific'))));
  if (persons.length > 0) {
    const run = persons[persons.length - 1];
    return { claimant: written(text, run), claimantType: 'Person' };
  }
  const names = nameRuns(words);
  if (names.length > 0) {
    return { claimant: written(text, names[names.length - 1]), claimantType: 'Organization' };
  }
  const nouns = words.filter((t) => has(t, 'Noun'));
  const head = nouns[nouns.length - 1];
  if (head && !has(head, 'Pronoun') && ORGANISATION_NOUNS.has(head.root)) {
    return {
      claimant: written(text, words.slice(0, words.indexOf(head) + 1)),
      claimantType: 'Organization',
    };
  }
  return 'unnamed';
}

/** Can stand in a speaker's noun phrase: "the Kremlin spokesman", "Council leader Marion Adebayo". */
function inNounPhrase(token: Token): boolean {
  return (
    has(token, 'Noun') ||
    has(token, 'Determiner') ||
    has(token, 'Adjective') ||
    has(token, 'Possessive') ||
    has(token, 'Value') ||
    NAME_JOINERS.has(token.normal)
  );
}

/** The noun phrase that ends at `last`, back to punctuation or a word outside a noun phrase. */
function phraseEndingAt(words: readonly Token[], last: number): Token[] {
  let first = last;
  while (first > 0 && inNounPhrase(words[first - 1]) && !breaksAfter(words[first - 1])) {
    first--;
  }
  return inNounPhrase(words[last]) ? words.slice(first, last + 1) : [];
}

/** The noun phrase that starts at `first`, up to punctuation or a word outside a noun phrase. */
function phraseStartingAt(
  words: readonly Token[],
  first: number,
): { phrase: Token[]; closed: boolean } {
  let last = first;
  if (first >= words.length || !inNounPhrase(words[first])) {
    return { phrase: [], closed: false };
  }
  while (last + 1 < words.length && !breaksAfter(words[last]) && inNounPhrase(words[last + 1])) {
    last++;
  }
  const closed = last === words.length - 1 || breaksAfter(words[last]);
  return { phrase: words.slice(first, last + 1), closed };
}

/** The speaker of the speech verb at `verb`: before it, after it (", said Kim"), or in an apposition. */
function speakerOfVerb(text: string, words: readonly Token[], verb: number): Speaker | undefined {
  // ", said Kim Jong Un," / "…,” said the ministry.": the speaker follows, and ends the phrase.
  if (verb > 0 && breaksAfter(words[verb - 1])) {
    const after = phraseStartingAt(words, verb + 1);
    if (after.closed && after.phrase.length > 0) {
      return speakerIn(text, after.phrase);
    }
  }
  let last = verb - 1;
  while (
    last >= 0 &&
    !breaksAfter(words[last]) &&
    (has(words[last], 'Auxiliary') ||
      has(words[last], 'Adverb') ||
      BETWEEN_SUBJECT_AND_VERB.has(words[last].normal))
  ) {
    last--;
  }
  if (last < 0) {
    return undefined;
  }
  const phrase = phraseEndingAt(words, last);
  if (phrase.length === 0) {
    return undefined;
  }
  // "Dmitry Peskov, the Kremlin spokesman, told …": the name before the apposition.
  const before = words.indexOf(phrase[0]) - 1;
  if (breaksAfter(words[last]) && before >= 0 && /,/.test(words[before].post)) {
    const named = speakerIn(text, phraseEndingAt(words, before));
    if (named && named !== 'unnamed') {
      return named;
    }
  }
  return speakerIn(text, phrase);
}

/** Distance from the span to a word: 0 inside it. */
function distance(token: Token, start: number, end: number): number {
  if (token.end <= start) return start - token.end;
  if (token.start >= end) return token.start - end;
  return 0;
}

/**
 * The claimant named in a sentence (its tokens) for the span `start`–`end`
 * of `text`: the speech verb or "according to" nearest the span decides.
 */
export function attributionInSentence(
  text: string,
  tokens: readonly Token[],
  start: number,
  end: number,
): Attribution | null {
  const words = tokens.filter((t) => t.text !== '');
  const cues: { index: number; according: boolean }[] = [];
  words.forEach((word, index) => {
    if (word.normal === 'according' && words[index + 1]?.normal === 'to') {
      cues.push({ index, according: true });
    } else if (has(word, 'Verb') && !has(word, 'Gerund') && ATTRIBUTION.has(word.root)) {
      cues.push({ index, according: false });
    }
  });
  cues.sort((a, b) => distance(words[a.index], start, end) - distance(words[b.index], start, end));
  for (const cue of cues) {
    const speaker = cue.according
      ? speakerIn(text, phraseStartingAt(words, cue.index + 2).phrase)
      : speakerOfVerb(text, words, cue.index);
    if (speaker === 'unnamed') {
      return null;
    }
    if (speaker && !PRONOUNS.has(speaker.claimant.toLowerCase())) {
      return speaker;
    }
  }
  return null;
}

/** Longest stretch of a line read around the span: compromise holds the server on a long one. */
const WINDOW = 1_000;
/** A span longer than this is no single sentence's claim: no guess rather than a long parse. */
export const ATTRIBUTION_MAX_SPAN = 5_000;

/**
 * The claimant named by the sentence (or sentences) around `start`–`end` of
 * `text`, or null. Reads only the lines the span touches, at most WINDOW
 * characters either side of it.
 */
export function attributionAt(text: string, start: number, end: number): Attribution | null {
  if (end - start > ATTRIBUTION_MAX_SPAN) {
    return null;
  }
  const from = Math.max(text.lastIndexOf('\n', start - 1) + 1, start - WINDOW);
  const lineEnd = text.indexOf('\n', Math.max(end - 1, start));
  const to = Math.min(lineEnd < 0 ? text.length : lineEnd, end + WINDOW);
  let base = from;
  for (const line of text.slice(from, to).split('\n')) {
    for (const sentence of parseParagraph(line, base)) {
      const written = sentence.tokens.filter((t) => t.text !== '');
      const first = written[0];
      const last = written[written.length - 1];
      if (first && last && first.start < end && last.end > start) {
        const found = attributionInSentence(text, sentence.tokens, start, end);
        if (found) {
          return found;
        }
      }
    }
    base += line.length + 1;
  }
  return null;
}
