/**
 * Generated article files for the API benchmark: plausible news text of about
 * 3,500 characters with headings, and claims whose quotes sit at their offsets.
 * Deterministic (seeded), so every run measures the same data.
 */
import { CLAIM_KINDS, type Heading } from '../../src/domain/claim';
import type { ArticleFile } from '../intake/article-file';

type Claim = ArticleFile['claims'][number];

/** mulberry32: a small, fast, seeded PRNG. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PLACES = ['Lisbon', 'Leeds', 'Aarhus', 'Graz', 'Utrecht', 'Bilbao', 'Turin', 'Brno', 'Cork'];
const PEOPLE = [
  'Mayor Ana Sousa',
  'Minister Jan de Vries',
  'Councillor Priya Shah',
  'Director Tomas Novak',
  'Professor Ines Garcia',
  'Spokesperson Lena Berg',
];
const ORGS = [
  'the city council',
  'the transport authority',
  'the regional health board',
  'the port operator',
  'the housing agency',
  'the energy regulator',
];
const THINGS = [
  'tram extension',
  'flood barrier',
  'hospital wing',
  'bridge repair',
  'housing scheme',
  'solar park',
  'school programme',
];
const ADJECTIVES = ['reckless', 'overdue', 'visionary', 'unaffordable', 'a sensible compromise'];
const MONTHS = ['March', 'June', 'September', 'December'];
const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'];
const HEADINGS = ['Costs', 'Timeline', 'Reaction', 'What happens next', 'Background'];

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function sentenceMaker(next: () => number) {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)];
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const templates: (() => string)[] = [
    () => `${capitalise(pick(ORGS))} spent ${int(2, 480)} million euros on the ${pick(THINGS)}.`,
    () =>
      `${pick(PEOPLE)} said the ${pick(THINGS)} would open by ${pick(MONTHS)} ${int(2026, 2031)}.`,
    () =>
      `Unemployment in ${pick(PLACES)} fell to ${int(3, 11)}.${int(0, 9)} percent last quarter.`,
    () => `The ${pick(THINGS)} has been delayed ${int(2, 9)} times since ${int(2009, 2022)}.`,
    () => `${pick(PEOPLE)} called the plan "${pick(ADJECTIVES)}" at a briefing on ${pick(DAYS)}.`,
    () => `Officials expect ${int(12, 95)},000 visitors in ${pick(PLACES)} next summer.`,
    () =>
      `${capitalise(pick(ORGS))} was founded in ${int(1950, 2015)} and employs ${int(40, 900)} people.`,
    () => `Critics say the ${pick(THINGS)} will cost more than ${int(20, 900)} million euros.`,
    () => `Ridership in ${pick(PLACES)} rose by ${int(4, 38)} percent after fares were cut.`,
    () => `${pick(PEOPLE)} denied that ${pick(ORGS)} had ignored the audit.`,
  ];
  return () => pick(templates)();
}

export const CLAIMS_PER_ARTICLE = 50;

export function articleId(index: number): string {
  return `a${String(index).padStart(3, '0')}`;
}

export function claimId(article: number, claim: number): string {
  return `${articleId(article)}-c${String(claim).padStart(3, '0')}`;
}

/** Article `index`: 4 sections of 3 paragraphs, ~56 sentences, 50 of them claims. */
export function generateArticle(index: number): ArticleFile {
  const next = random(0x5eed + index * 7919);
  const sentence = sentenceMaker(next);
  const lines: string[] = [];
  const headings: Heading[] = [];
  const sentences: { start: number; end: number }[] = [];
  let offset = 0;
  const push = (line: string) => {
    lines.push(line);
    offset += line.length + 1;
  };

  for (let section = 0; section < 4; section++) {
    const heading = HEADINGS[(index + section) % HEADINGS.length];
    headings.push({
      line: lines.length,
      start: offset,
      end: offset + heading.length,
      text: heading,
    });
    push(heading);
    push('');
    for (let paragraph = 0; paragraph < 3; paragraph++) {
      const parts: string[] = [];
      let lineLength = 0;
      const count = section * 3 + paragraph < 8 ? 5 : 4;
      for (let s = 0; s < count; s++) {
        const text = sentence();
        const start = offset + lineLength + (parts.length > 0 ? 1 : 0);
        sentences.push({ start, end: start + text.length });
        lineLength = start + text.length - offset;
        parts.push(text);
      }
      push(parts.join(' '));
      push('');
    }
  }
  const text = lines.join('\n').trimEnd();

  // Every sentence but a few connecting ones is a claim; quotes drop the full stop.
  const skip = sentences.length - CLAIMS_PER_ARTICLE;
  const chosen = sentences.filter((_, i) => i % Math.ceil(sentences.length / skip) !== 1);
  const claims: Claim[] = chosen.slice(0, CLAIMS_PER_ARTICLE).map((span, i) => {
    const quote = text.slice(span.start, span.end - 1);
    return {
      id: claimId(index, i),
      quote,
      start: span.start,
      end: span.end - 1,
      statement: `Check: ${quote}`,
      kind: CLAIM_KINDS[i % CLAIM_KINDS.length],
      stage: 'new',
      verdict: null,
      rationale: null,
      assignee: null,
      evidence: [],
      notes: [],
    };
  });
  if (claims.length !== CLAIMS_PER_ARTICLE) {
    throw new Error(`article ${index}: ${claims.length} claims, not ${CLAIMS_PER_ARTICLE}`);
  }

  return {
    formatVersion: 1,
    article: {
      id: articleId(index),
      headline: `${capitalise(THINGS[index % THINGS.length])} in ${PLACES[index % PLACES.length]}: what the figures say (${index})`,
      outlet: 'Benchmark Gazette',
      url: `https://news.example.org/bench/${articleId(index)}`,
      publishedAt: '2025-05-01',
      language: 'en',
      text,
      headings,
    },
    claims,
  };
}
