/**
 * Data for `npm run bench:ui` at newsroom scale: one long article of 2,000
 * claims and, beside it, 160 articles of 50 claims, 10,000 claims; and an
 * article of 10,000 claims of its own (issue 13), 20,000 claims in all.
 *
 * The long article is the API benchmark's generated articles 0–39 (server/bench/seed.ts)
 * joined into one text, with their headings and claims moved to the new offsets, so the
 * quotes still sit at their offsets; the 10,000-claim article is the same text with
 * each claimed sentence cut into five claims. The other articles are generated
 * articles 40–199 as they are.
 */
import type { Kysely } from 'kysely';
import type { ClaimSummary } from '../../src/domain/claim';
import type { Heading } from '../../src/domain/claim';
import { hashPassword } from '../../server/auth/password';
import { migrateToLatest } from '../../server/database/migrations';
import type { Database } from '../../server/database/schema';
import {
  type ArticleFile,
  importArticle,
  parseArticleFile,
} from '../../server/intake/article-file';
import { generateArticle } from '../../server/bench/seed';
import { openDatabase } from '../../server/database/engine';
import { listClaims } from '../../server/repositories/claims';
import { insertUser } from '../../server/repositories/users';

export const BIG_ARTICLE_ID = 'newsroom-2000';
export const BIG_ARTICLE_CLAIMS = 2000;
export const HUGE_ARTICLE_ID = 'newsroom-10000';
export const HUGE_ARTICLE_CLAIMS = 10_000;
export const TOTAL_CLAIMS = 20_000;
export const USERNAME = 'bench-editor';
export const PASSWORD = 'bench password 12345';

const PARTS = 40;
/** Claims on each claimed sentence of the 10,000-claim article. */
const HUGE_SPLIT = 5;
const SMALL_ARTICLES = 160;

type Claim = ArticleFile['claims'][number];

/** Generated articles 0–39 as one article: 40 × 50 claims, about 145,000 characters. */
export function bigArticle(): ArticleFile {
  return joinedArticle(PARTS, {
    id: BIG_ARTICLE_ID,
    claimPrefix: 'n-',
    headline: 'City budget 2026: every figure checked',
  });
}

/**
 * The long article's text with five claims on each of its 2,000 claimed sentences,
 * one on each fifth of its words: 10,000 claims, each its own highlight, in the
 * same 145,000 characters (an article's text holds at most 200,000).
 */
export function hugeArticle(): ArticleFile {
  const base = joinedArticle(PARTS, {
    id: HUGE_ARTICLE_ID,
    claimPrefix: 'm-',
    headline: 'Ten years of city budgets: every figure checked',
  });
  const text = base.article.text;
  const claims = base.claims.flatMap((claim) =>
    fifths(text, claim.start, claim.end).map(([start, end], part) => {
      const quote = text.slice(start, end);
      return {
        ...claim,
        id: `${claim.id}-${part}`,
        start,
        end,
        quote,
        statement: `Check: ${quote}`,
      };
    }),
  );
  return parseArticleFile({ formatVersion: 1, article: base.article, claims });
}

/** A span cut at word boundaries into five runs of (about) equally many words. */
function fifths(text: string, start: number, end: number): [number, number][] {
  const words = [...text.slice(start, end).matchAll(/\S+/g)].map((m) => ({
    start: start + (m.index ?? 0),
    end: start + (m.index ?? 0) + m[0].length,
  }));
  if (words.length < HUGE_SPLIT) {
    throw new Error(`a quote of ${words.length} words cannot be cut into ${HUGE_SPLIT}`);
  }
  return Array.from({ length: HUGE_SPLIT }, (_, part) => {
    const first = words[Math.floor((part * words.length) / HUGE_SPLIT)];
    const last = words[Math.floor(((part + 1) * words.length) / HUGE_SPLIT) - 1];
    return [first.start, last.end];
  });
}

function joinedArticle(
  parts: number,
  names: { readonly id: string; readonly claimPrefix: string; readonly headline: string },
): ArticleFile {
  const texts: string[] = [];
  const headings: Heading[] = [];
  const claims: Claim[] = [];
  let offset = 0;
  let line = 0;
  for (let part = 0; part < parts; part++) {
    const file = generateArticle(part);
    if (part > 0) {
      // A blank line between the parts, as between paragraphs.
      texts.push('\n\n');
      offset += 2;
      line += 2;
    }
    for (const heading of file.article.headings) {
      headings.push({
        line: heading.line + line,
        start: heading.start + offset,
        end: heading.end + offset,
        text: heading.text,
      });
    }
    for (const claim of file.claims) {
      claims.push({
        ...claim,
        id: `${names.claimPrefix}${String(claims.length).padStart(4, '0')}`,
        start: claim.start + offset,
        end: claim.end + offset,
      });
    }
    texts.push(file.article.text);
    offset += file.article.text.length;
    line += file.article.text.split('\n').length - 1;
  }
  const text = texts.join('');
  return parseArticleFile({
    formatVersion: 1,
    article: {
      id: names.id,
      headline: names.headline,
      outlet: 'Benchmark Gazette',
      url: `https://news.example.org/bench/${names.id}`,
      publishedAt: '2025-05-01',
      language: 'en',
      text,
      headings,
    },
    claims: claims.map((claim) => ({ ...claim, evidence: [], notes: [] })),
  });
}

export interface SeededData {
  readonly bigArticleId: string;
  readonly bigArticleText: number;
  /** The long article's claims as the API serves them. */
  readonly claims: readonly ClaimSummary[];
  readonly hugeArticleId: string;
  readonly hugeArticleText: number;
  /** The 10,000-claim article's claims as the API serves them. */
  readonly hugeClaims: readonly ClaimSummary[];
  readonly articles: number;
  readonly totalClaims: number;
}

/** The editor every UI benchmark signs in as (USERNAME, PASSWORD). */
export async function addBenchEditor(db: Kysely<Database>): Promise<void> {
  await insertUser(db, {
    username: USERNAME,
    role: 'editor',
    passwordHash: await hashPassword(PASSWORD),
  });
}

export async function seedDatabase(file: string): Promise<SeededData> {
  const db: Kysely<Database> = await openDatabase({ engine: 'sqlite', file });
  try {
    await migrateToLatest(db);
    await addBenchEditor(db);
    const big = bigArticle();
    if (big.claims.length !== BIG_ARTICLE_CLAIMS) {
      throw new Error(`the long article has ${big.claims.length} claims`);
    }
    await importArticle(db, big, null);
    const huge = hugeArticle();
    if (huge.claims.length !== HUGE_ARTICLE_CLAIMS) {
      throw new Error(`the 10,000-claim article has ${huge.claims.length} claims`);
    }
    await importArticle(db, huge, null);
    for (let i = 0; i < SMALL_ARTICLES; i++) {
      await importArticle(db, generateArticle(PARTS + i), null);
    }
    const row = await db
      .selectFrom('claims')
      .select(({ fn }) => fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const totalClaims = Number(row.n);
    if (totalClaims !== TOTAL_CLAIMS) {
      throw new Error(`seeded ${totalClaims} claims, not ${TOTAL_CLAIMS}`);
    }
    return {
      bigArticleId: BIG_ARTICLE_ID,
      bigArticleText: big.article.text.length,
      claims: await listClaims(db, BIG_ARTICLE_ID),
      hugeArticleId: HUGE_ARTICLE_ID,
      hugeArticleText: huge.article.text.length,
      hugeClaims: await listClaims(db, HUGE_ARTICLE_ID),
      articles: SMALL_ARTICLES + 2,
      totalClaims,
    };
  } finally {
    await db.destroy();
  }
}
