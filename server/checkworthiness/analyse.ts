/**
 * Text into the units the check-worthiness model scores: paragraphs (a line
 * each, maybe opening with a speaker's name), sentences, and words tagged by
 * compromise. Only compromise's tokenizer, lexicon and pre-tagger run: the
 * post-tagger (its rule-based corrections) costs three times as much and
 * changes few of the tags the features read, and 200,000 characters must be
 * scored in under a second. Training and scoring read text through this one
 * path, so the model sees the same tags at both times.
 */
import nlp from 'compromise';
import type { Term } from 'compromise/misc';

export interface Word {
  /** As written; empty for the second word of a contraction ("have" of "I've"). */
  readonly text: string;
  /** Lower case, contraction parts expanded ("i", "have"). */
  readonly normal: string;
  /** Dictionary form of a verb or plural ("said" → "say"); otherwise `normal`. */
  readonly root: string;
  readonly tags: ReadonlySet<string>;
  /** Offsets into the text that was analysed; equal for a contraction's unwritten part. */
  readonly start: number;
  readonly end: number;
  /** Punctuation and space after the word, as written. */
  readonly post: string;
}

export interface AnalysedSentence {
  readonly start: number;
  readonly end: number;
  readonly words: readonly Word[];
}

export interface AnalysedParagraph {
  /** The speaker named at the start of the line ("SANDERS:"), if the text is a transcript. */
  readonly speaker: string | null;
  readonly sentences: readonly AnalysedSentence[];
}

type CompromiseTerm = Term & { root?: string; implicit?: string };

/** compromise's steps after tokenizing, without the post-tagger (see above). */
const TAGGING = ['lexicon', 'preTagger', 'contractionTwo', 'root'];

/**
 * Sentences of `text` (or one sentence, `asOne`, for text already cut into
 * sentences, as the training data is), with offsets from `base`.
 */
export function analyseSentences(text: string, base = 0, asOne = false): AnalysedSentence[] {
  const doc = nlp.tokenize(text);
  doc.compute(TAGGING);
  const sentences: AnalysedSentence[] = [];
  let cursor = 0;
  for (const terms of doc.document as CompromiseTerm[][]) {
    const words: Word[] = [];
    for (const term of terms) {
      let start = cursor;
      if (term.text !== '') {
        const found = text.indexOf(term.text, cursor);
        if (found < 0) {
          continue;
        }
        start = found;
        cursor = found + term.text.length;
      }
      // compromise keeps the first part of a contraction under `implicit` ("i" of "I've").
      const normal = term.implicit || term.normal || '';
      words.push({
        text: term.text,
        normal,
        root: term.root || normal,
        tags: term.tags ?? new Set<string>(),
        start: base + start,
        end: base + start + term.text.length,
        post: term.post,
      });
    }
    const written = words.filter((w) => w.text !== '');
    if (written.length > 0) {
      const last = written[written.length - 1];
      // The sentence's own closing punctuation belongs to it: "rise." ends after the full stop.
      const closing = /^[.!?"”’)\]]*/.exec(last.post)?.[0].length ?? 0;
      sentences.push({ start: written[0].start, end: last.end + closing, words });
    }
  }
  if (asOne && sentences.length > 1) {
    return [
      {
        start: sentences[0].start,
        end: sentences[sentences.length - 1].end,
        words: sentences.flatMap((s) => s.words),
      },
    ];
  }
  return sentences;
}

/** "SANDERS: ", "Donald Trump: ", "HOLT (moderator): " at the start of a line. */
const SPEAKER =
  /^((?:[\p{Lu}][\p{L}.'’-]*)(?:\s+[\p{Lu}][\p{L}.'’-]*){0,3}(?:\s*\([^)]{1,40}\))?):\s+/u;

/** The speaker's name a line opens with, and where its words start. */
export function speakerOf(line: string): { speaker: string; offset: number } | null {
  const match = SPEAKER.exec(line);
  return match ? { speaker: match[1].toUpperCase(), offset: match[0].length } : null;
}

/**
 * The text's paragraphs (non-empty lines), each cut into sentences; lines
 * starting at `skip` (headings) are left out. A text is read as a transcript
 * when at least two lines open with a speaker's name; a line without one then
 * continues the last speaker's turn.
 */
export function analyseText(
  text: string,
  skip: ReadonlySet<number> = new Set(),
): AnalysedParagraph[] {
  const lines: { start: number; line: string }[] = [];
  let start = 0;
  for (const line of text.split('\n')) {
    if (line.trim() !== '' && !skip.has(start)) {
      lines.push({ start, line });
    }
    start += line.length + 1;
  }
  const transcript = lines.filter(({ line }) => speakerOf(line) !== null).length >= 2;
  let speaker: string | null = null;
  return lines.map(({ start: lineStart, line }) => {
    const named = transcript ? speakerOf(line) : null;
    speaker = named?.speaker ?? speaker;
    const offset = named?.offset ?? 0;
    return {
      speaker,
      sentences: analyseSentences(line.slice(offset), lineStart + offset),
    };
  });
}
