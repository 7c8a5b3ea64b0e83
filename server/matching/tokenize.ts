/**
 * Words of a text as the matcher compares them: lower case, accents removed, links
 * dropped, stop words left out, each word stemmed (Porter 2), so that "visited" and
 * "visits" meet. Numbers are kept as they are written ("3.5", "2020"): a repeated claim
 * usually repeats its figure.
 */
import stem from 'wink-porter2-stemmer';

/** Function words that say nothing about what a claim is about. */
export const STOP_WORDS = new Set(
  (
    'a about above after again against all am an and any are as at be because been before ' +
    'being below between both but by can could did do does doing down during each few for ' +
    'from further had has have having he her here hers herself him himself his how i if in ' +
    'into is it its itself just me more most my myself no nor not now of off on once only or ' +
    'other our ours ourselves out over own same she should so some such than that the their ' +
    'theirs them themselves then there these they this those through to too under until up ' +
    'very was we were what when where which while who whom why will with would you your ' +
    'yours yourself yourselves s t don didn doesn isn wasn aren weren won wouldn ll re ve d m ' +
    'rt via amp'
  ).split(' '),
);

/** A link, also where a tweet glues it to the word before ("#DefundTheCBChttps://t.co/x"). */
const LINK = /(?:https?:\/\/|www\.|pic\.twitter\.com\/)\S*/giu;
/** A handle or hashtag, whose words are run together: #ImpeachTrump, @LindseyGrahamSC. */
const TAG = /[@#]([\p{L}\p{N}_]+)/gu;
/** Where a run-together name changes word: "eT" in ImpeachTrump, "SC" after "Graham". */
const CAMEL = /(?<=\p{Ll})(?=\p{Lu})|(?<=\p{Lu})(?=\p{Lu}\p{Ll})|(?<=\p{L})(?=\p{N})|_/gu;
const WORD = /[\p{L}\p{N}]+(?:[.,][\p{N}]+)*/gu;
const DIACRITICS = /\p{M}+/gu;

/** Stems are asked for again and again (every claim, every query): kept once computed. */
const stems = new Map<string, string>();
const STEMS_KEPT = 200_000;

export function stemOf(word: string): string {
  let stemmed = stems.get(word);
  if (stemmed === undefined) {
    stemmed = /^\p{N}/u.test(word) ? word.replace(/,/g, '') : stem(word);
    if (stems.size >= STEMS_KEPT) {
      stems.clear();
    }
    stems.set(word, stemmed);
  }
  return stemmed;
}

/**
 * Splits a run-together handle or hashtag written in one case ("cornflakes") into words;
 * see segmenter.ts. Without one, such a run stays one word.
 */
export type RunSplitter = (run: string) => readonly string[];

/** The words of a handle or hashtag: camel case first, then `split` for each piece. */
function tagWords(name: string, split?: RunSplitter): string {
  const pieces = name.replace(CAMEL, ' ').split(' ');
  return pieces
    .map((piece) =>
      split && /^\p{L}+$/u.test(piece) ? split(piece.toLowerCase()).join(' ') : piece,
    )
    .join(' ');
}

/** The plain words of a text, lower case and without accents, stop words included. */
export function words(text: string, split?: RunSplitter): string[] {
  return (
    text
      .replace(LINK, ' ')
      .replace(TAG, (_, name: string) => ` ${tagWords(name, split)} `)
      .normalize('NFKD')
      .replace(DIACRITICS, '')
      .toLowerCase()
      .match(WORD) ?? []
  );
}

/** The terms the matcher indexes and looks up: stemmed content words, in text order. */
export function tokenize(text: string, split?: RunSplitter): string[] {
  const terms: string[] = [];
  for (const word of words(text, split)) {
    if (!STOP_WORDS.has(word)) {
      terms.push(stemOf(word));
    }
  }
  return terms;
}

/** The numbers a text states ("3,000" and "3000" alike): features of the re-ranker. */
export function numbers(text: string): Set<string> {
  const found = new Set<string>();
  for (const word of words(text)) {
    if (/^\p{N}/u.test(word)) {
      found.add(word.replace(/,/g, ''));
    }
  }
  return found;
}
