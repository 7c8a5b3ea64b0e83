/**
 * What the other speakers of a transcript do with a sentence: whether one of
 * them soon calls something wrong, false or a lie (the claim is disputed), and
 * how many of its content words they use nearby (it is argued over). Fact-
 * checkers check what is disputed; neither says which topic, so neither
 * learns one debate's subjects. An article has no other speakers: both are
 * off there.
 */
import type { AnalysedParagraph, Word } from './analyse';

/** A later turn within this many sentences that disputes something. */
const DISPUTE_WINDOW = 5;
/** Other speakers' sentences within this many either side count as nearby. */
const ECHO_WINDOW = 10;
/** Shared content words counted up to this many. */
const ECHO_CAP = 3;

const DISPUTE =
  /\b(wrong|not true|false|untrue|lie|lies|lying|liar|incorrect|not correct|that's not|that is not)\b/i;

/** Words too common in talk to say what a sentence is about. */
const COMMON = new Set(
  'that this have they them their there with from what about would could should will been were going know think people want just very much many because when which more also really said thing things right make made well'.split(
    ' ',
  ),
);

export interface Exchange {
  /** A later turn of another speaker, within DISPUTE_WINDOW sentences, calls something wrong, false or a lie. */
  readonly disputed: boolean;
  /** Content words shared with other speakers' sentences nearby, 0..1 (ECHO_CAP or more: 1). */
  readonly echoed: number;
}

const written = (words: readonly Word[]) =>
  words
    .filter((w) => w.text !== '')
    .map((w) => w.text + w.post)
    .join('');

/** Nouns, verbs and adjectives of four letters or more, by dictionary form, but the commonest. */
function contentWords(words: readonly Word[]): Set<string> {
  const found = new Set<string>();
  for (const w of words) {
    const key = w.root || w.normal;
    const kind = w.tags.has('Noun') || w.tags.has('Verb') || w.tags.has('Adjective');
    if (w.text !== '' && kind && !w.tags.has('Pronoun') && key.length >= 4 && !COMMON.has(key)) {
      found.add(key);
    }
  }
  return found;
}

/** Each sentence's exchange, in document order; all off for sentences without a speaker. */
export function exchangesOf(paragraphs: readonly AnalysedParagraph[]): Exchange[] {
  const turnOf: number[] = [];
  const spoken: boolean[] = [];
  const sentences = paragraphs.flatMap((p, turn) =>
    p.sentences.map((s) => {
      turnOf.push(turn);
      spoken.push(p.speaker !== null);
      return s.words;
    }),
  );
  const disputes = sentences.map((words, i) => spoken[i] && DISPUTE.test(written(words)));
  const contents = sentences.map(contentWords);
  const other = (i: number, j: number) => spoken[j] && turnOf[j] !== turnOf[i];
  return sentences.map((_words, i) => {
    if (!spoken[i]) {
      return { disputed: false, echoed: 0 };
    }
    let disputed = false;
    for (let j = i + 1; j <= Math.min(sentences.length - 1, i + DISPUTE_WINDOW); j++) {
      disputed ||= other(i, j) && disputes[j];
    }
    const shared = new Set<string>();
    const own = contents[i];
    if (own.size > 0) {
      const last = Math.min(sentences.length - 1, i + ECHO_WINDOW);
      for (let j = Math.max(0, i - ECHO_WINDOW); j <= last; j++) {
        if (other(i, j)) {
          for (const word of contents[j]) {
            if (own.has(word)) {
              shared.add(word);
            }
          }
        }
      }
    }
    return { disputed, echoed: Math.min(ECHO_CAP, shared.size) / ECHO_CAP };
  });
}
