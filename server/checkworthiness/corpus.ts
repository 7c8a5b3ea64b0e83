/**
 * Documents as the model sees them: sentences with their place in the text
 * (speaker, turn), and for the training data, whether a fact-checker chose
 * each one. The training data is read from ../shared/data at training and
 * benchmark time, never copied into the project.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PROJECT_ROOT } from '../config';
import { analyseSentences, type AnalysedParagraph, type AnalysedSentence } from './analyse';
import { exchangesOf } from './exchange';
import type { SentenceContext } from './features';

/** CLEF-2019 CheckThat! task 1 training transcripts (see its README there). */
export const TRAINING_DIR = resolve(
  PROJECT_ROOT,
  '..',
  'shared',
  'data',
  'checkworthiness',
  'clef2019-training',
);

export interface LabelledDocument {
  readonly name: string;
  readonly paragraphs: readonly AnalysedParagraph[];
  /** One per sentence, in document order: 1 when factcheck.org chose it. */
  readonly labels: readonly (0 | 1)[];
  /** The sentences as written, in document order. */
  readonly texts: readonly string[];
}

/**
 * Text without speakers is one turn as long as the text, but never a short
 * one: a short turn is an exchange in talk, and a one-sentence text is not.
 */
const ONE_VOICE_TURN = 3;

const TALK = new Set(['i', 'you', 'me', 'my', 'your']);

/** Whether a sentence ends in a question mark. */
function asks(sentence: AnalysedSentence): boolean {
  return (
    sentence.words
      .filter((w) => w.text !== '')
      .at(-1)
      ?.post.includes('?') ?? false
  );
}

/** Each sentence's context, in document order (see SentenceContext). */
export function contextsOf(paragraphs: readonly AnalysedParagraph[]): SentenceContext[] {
  const total = paragraphs.reduce((sum, p) => sum + p.sentences.length, 0);
  const bySpeaker = new Map<string | null, number>();
  const questionsBy = new Map<string | null, number>();
  for (const p of paragraphs) {
    bySpeaker.set(p.speaker, (bySpeaker.get(p.speaker) ?? 0) + p.sentences.length);
    questionsBy.set(p.speaker, (questionsBy.get(p.speaker) ?? 0) + p.sentences.filter(asks).length);
  }
  const all = paragraphs.flatMap((p) => p.sentences);
  const talk =
    all.filter((s) => s.words.some((w) => TALK.has(w.normal))).length / Math.max(1, total);
  const length =
    all.reduce((sum, s) => sum + s.words.filter((w) => w.text !== '').length, 0) /
    Math.max(1, total) /
    20;
  const exchanges = exchangesOf(paragraphs);
  const contexts: SentenceContext[] = [];
  let previous: AnalysedSentence | null = null;
  // Text without speakers is one voice's (an article's, a speech's): one turn, as a speech is in the training data.
  let indexInText = 0;
  for (const p of paragraphs) {
    const speakerShare = p.speaker === null ? 1 : (bySpeaker.get(p.speaker) ?? 0) / total;
    p.sentences.forEach((sentence, indexInTurn) => {
      const last = previous?.words.filter((w) => w.text !== '').at(-1);
      contexts.push({
        speakerShare,
        speakerQuestions:
          p.speaker === null
            ? 0
            : (questionsBy.get(p.speaker) ?? 0) / Math.max(1, bySpeaker.get(p.speaker) ?? 0),
        turnSentences: p.speaker === null ? Math.max(total, ONE_VOICE_TURN) : p.sentences.length,
        indexInTurn: p.speaker === null ? indexInText : indexInTurn,
        afterQuestion: last?.post.includes('?') ?? false,
        documentTalk: talk,
        documentSentenceLength: length,
        disputed: exchanges[indexInText].disputed,
        echoed: exchanges[indexInText].echoed,
      });
      previous = sentence;
      indexInText++;
    });
  }
  return contexts;
}

/**
 * One transcript file: `line<TAB>speaker<TAB>text<TAB>label` a line. Each line
 * is one sentence (as the fact-checkers' labels are); consecutive lines of one
 * speaker make a turn, as a paragraph does in pasted text.
 */
export function readTranscript(name: string, content: string): LabelledDocument {
  const paragraphs: { speaker: string; sentences: AnalysedSentence[] }[] = [];
  const labels: (0 | 1)[] = [];
  const texts: string[] = [];
  for (const line of content.split('\n')) {
    const [, speaker, text, label] = line.split('\t');
    if (text === undefined || text.trim() === '') {
      continue;
    }
    const [sentence] = analyseSentences(text, 0, true);
    if (!sentence) {
      continue;
    }
    const last = paragraphs.at(-1);
    if (last && last.speaker === speaker) {
      last.sentences.push(sentence);
    } else {
      paragraphs.push({ speaker, sentences: [sentence] });
    }
    labels.push(Number.parseInt(label, 10) === 1 ? 1 : 0);
    texts.push(text);
  }
  return { name, paragraphs, labels, texts };
}

/** Whether the training data is there (CI has it beside the project; a fresh clone may not). */
export function hasTrainingData(dir = TRAINING_DIR): boolean {
  return existsSync(dir) && readdirSync(dir).some((f) => f.endsWith('.tsv'));
}

/** Every training transcript, by file name order (so training sees them in a fixed order). */
export function readTrainingDocuments(dir = TRAINING_DIR, limit = Infinity): LabelledDocument[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.tsv'))
    .sort()
    .slice(0, limit)
    .map((f) => readTranscript(f.replace(/\.tsv$/, ''), readFileSync(join(dir, f), 'utf8')));
}
