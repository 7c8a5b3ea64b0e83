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

/** A paragraph of a text as analyseText reads it: where its words are, and who speaks them. */
export interface TextParagraph extends AnalysedParagraph {
  /** Where the paragraph's words start (after the speaker's name, if any) and where its line ends. */
  readonly start: number;
  readonly end: number;
  /** The speaker's name as written for a reader ("SANDERS" → "Sanders"), this line's or the turn's. */
  readonly speakerName: string | null;
}

/** Longest piece of a line compromise reads at once, so a text pasted as one line can yield between pieces. */
const MAX_PIECE = 2_000;
/** A place a long line may be cut: a full stop (maybe a closing quote), space, a capital or figure. */
const SENTENCE_BREAK = /[.!?]["”’)\]]?\s+(?=["“‘(]?[\p{Lu}\p{N}])/gu;
/** …but not after "Mr.", "Gen.", "U.S.": a short capitalised word or initials before the stop. */
const ABBREVIATION = /(?:^|[\s(])(?:\p{Lu}\p{Ll}{0,3}|\p{Lu}(?:\.\p{Lu})+)$/u;

/** A line cut at sentence ends into pieces of at most MAX_PIECE characters (a longer sentence is one piece). */
function pieces(start: number, line: string): { start: number; line: string }[] {
  if (line.length <= MAX_PIECE) {
    return [{ start, line }];
  }
  const found: { start: number; line: string }[] = [];
  let from = 0;
  let lastBreak = 0;
  const cut = () => {
    found.push({ start: start + from, line: line.slice(from, lastBreak) });
    from = lastBreak;
  };
  for (const match of line.matchAll(SENTENCE_BREAK)) {
    const at = match.index + match[0].length;
    if (ABBREVIATION.test(line.slice(Math.max(0, match.index - 12), match.index))) {
      continue;
    }
    if (at - from > MAX_PIECE && lastBreak > from) {
      cut();
    }
    lastBreak = at;
  }
  if (line.length - from > MAX_PIECE && lastBreak > from) {
    cut();
  }
  found.push({ start: start + from, line: line.slice(from) });
  return found;
}

/** "HOLT (moderator)" → "Holt"; a name in capitals is written as a name. */
function readableName(written: string): string {
  const name = written.replace(/\s*\([^)]*\)\s*$/, '').trim();
  return name === name.toUpperCase()
    ? name
        .toLowerCase()
        .replace(
          /(^|[\s'’-])(\p{Ll})/gu,
          (_m, before: string, letter: string) => before + letter.toUpperCase(),
        )
    : name;
}

interface PlannedParagraph {
  readonly speaker: string | null;
  readonly speakerName: string | null;
  readonly start: number;
  readonly end: number;
  readonly pieces: readonly { start: number; line: string }[];
}

/**
 * The text's paragraphs (non-empty lines), before compromise reads them;
 * lines starting at `skip` (headings) are left out. A text is read as a
 * transcript when at least two lines open with a speaker's name; a line
 * without one then continues the last speaker's turn.
 */
function plan(text: string, skip: ReadonlySet<number>): PlannedParagraph[] {
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
  let speakerName: string | null = null;
  return lines.map(({ start: lineStart, line }) => {
    const named = transcript ? speakerOf(line) : null;
    if (named) {
      speaker = named.speaker;
      speakerName = readableName(line.slice(0, named.offset).replace(/:\s*$/, ''));
    }
    const offset = named?.offset ?? 0;
    return {
      speaker,
      speakerName,
      start: lineStart + offset,
      end: lineStart + line.length,
      pieces: pieces(lineStart + offset, line.slice(offset)),
    };
  });
}

function analysePiece(piece: { start: number; line: string }): AnalysedSentence[] {
  return analyseSentences(piece.line, piece.start);
}

function paragraphOf(p: PlannedParagraph, sentences: AnalysedSentence[]): TextParagraph {
  return {
    speaker: p.speaker,
    speakerName: p.speakerName,
    start: p.start,
    end: p.end,
    sentences,
  };
}

/**
 * The text's paragraphs (non-empty lines), each cut into sentences; lines
 * starting at `skip` (headings) are left out. A text is read as a transcript
 * when at least two lines open with a speaker's name; a line without one then
 * continues the last speaker's turn.
 */
export function analyseText(text: string, skip: ReadonlySet<number> = new Set()): TextParagraph[] {
  return plan(text, skip).map((p) => paragraphOf(p, p.pieces.flatMap(analysePiece)));
}

/** Longest stretch of reading before letting other requests run. */
const SLICE_MS = 20;

/** The same as analyseText, yielding to the event loop every SLICE_MS or so (between pieces of a line). */
export async function analyseTextYielding(
  text: string,
  skip: ReadonlySet<number> = new Set(),
): Promise<TextParagraph[]> {
  const paragraphs: TextParagraph[] = [];
  let sliceStart = performance.now();
  for (const p of plan(text, skip)) {
    const sentences: AnalysedSentence[] = [];
    for (const piece of p.pieces) {
      sentences.push(...analysePiece(piece));
      if (performance.now() - sliceStart > SLICE_MS) {
        await new Promise((resolve) => setImmediate(resolve));
        sliceStart = performance.now();
      }
    }
    paragraphs.push(paragraphOf(p, sentences));
  }
  return paragraphs;
}
