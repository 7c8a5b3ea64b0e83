/**
 * The desk benchmark's data: articles beyond the 200 imported ones, written
 * straight to the database in one transaction (multi-row inserts), so that
 * 100,000 claims across 1,000 articles take seconds, not the minutes the API
 * would. Deterministic (seeded), like seed.ts: every run measures the same data.
 *
 * The claims are spread as on a busy desk: 20 people share the assignments
 * (the benchmark's user among them), every stage occurs, two in three claims
 * have a due date (some passed), and a few articles are archived.
 */
import type { Kysely } from 'kysely';
import { CLAIM_KINDS } from '../../src/domain/claim';
import { VERDICTS } from '../../src/domain/verdicts';
import { STAGES } from '../../src/domain/workflow';
import type { Database, NewClaimRow } from '../database/schema';

export const DESK_ARTICLES = 1_000;
export const DESK_CLAIMS = 100_000;
/** The people claims are assigned to: the benchmark user and 19 colleagues. */
const ASSIGNEES = 20;
/** Rows per INSERT: 26 columns stay well under SQLite's 32,766 bound parameters. */
const CHUNK = 500;
const DAY_MS = 86_400_000;

/** mulberry32, as in seed.ts. */
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

export function deskArticleId(index: number): string {
  return `d${String(index).padStart(4, '0')}`;
}

/**
 * Adds articles `firstIndex`..DESK_ARTICLES-1 so that, with the `existingClaims`
 * already there, the database holds DESK_CLAIMS claims in DESK_ARTICLES articles.
 * Returns how many claims `username` is assigned among them.
 */
export async function seedDesk(
  db: Kysely<Database>,
  firstIndex: number,
  existingClaims: number,
  username: string,
): Promise<number> {
  const next = random(0xde5c);
  const articles = DESK_ARTICLES - firstIndex;
  const remaining = DESK_CLAIMS - existingClaims;
  const now = Date.now();
  const iso = (offsetDays: number) => new Date(now + offsetDays * DAY_MS).toISOString();
  const people = [username, ...Array.from({ length: ASSIGNEES - 1 }, (_, i) => `colleague-${i}`)];
  let mine = 0;
  await db.transaction().execute(async (trx) => {
    let claims: NewClaimRow[] = [];
    const flush = async () => {
      if (claims.length > 0) {
        await trx.insertInto('claims').values(claims).execute();
        claims = [];
      }
    };
    for (let a = 0; a < articles; a++) {
      const index = firstIndex + a;
      const articleId = deskArticleId(index);
      // Spread the remainder so that the counts add up exactly.
      const count =
        Math.floor(((a + 1) * remaining) / articles) - Math.floor((a * remaining) / articles);
      const sentences = Array.from(
        { length: count },
        (_, c) => `Figure ${c + 1} of ${articleId} rose by ${Math.floor(next() * 90) + 2} percent.`,
      );
      const text = sentences.join(' ');
      const created = iso(-90 + (a % 60));
      await trx
        .insertInto('articles')
        .values({
          id: articleId,
          headline: `Desk article ${index}: what the figures say`,
          outlet: 'Benchmark Gazette',
          url: null,
          published_at: null,
          language: 'en',
          text,
          headings: '[]',
          created_at: created,
          updated_at: created,
          created_by: null,
          archived: index % 50 === 0 ? 1 : 0,
        })
        .execute();
      let start = 0;
      for (let c = 0; c < count; c++) {
        const quote = sentences[c].slice(0, -1);
        const stage = STAGES[Math.floor(next() * STAGES.length)];
        const assigned = next() < 0.9;
        const assignee = assigned ? people[Math.floor(next() * people.length)] : null;
        if (assignee === username && index % 50 !== 0) {
          mine += 1;
        }
        const stageSince = iso(-next() * 30);
        claims.push({
          id: `${articleId}-c${String(c).padStart(3, '0')}`,
          article_id: articleId,
          quote,
          start_offset: start,
          end_offset: start + quote.length,
          statement: quote,
          kind: CLAIM_KINDS[c % CLAIM_KINDS.length],
          stage,
          verdict: stage === 'new' ? null : VERDICTS[Math.floor(next() * VERDICTS.length)],
          rationale: stage === 'new' ? null : 'Checked against the published figures.',
          assignee,
          submitted_by: stage === 'in_review' ? people[c % people.length] : null,
          dismiss_reason: stage === 'dismissed' ? 'opinion' : null,
          approved_by: stage === 'approved' ? people[(c + 1) % people.length] : null,
          approved_at: stage === 'approved' ? stageSince : null,
          due_at: next() < 0.67 ? iso(next() * 60 - 20) : null,
          stage_since: stageSince,
          claimant: null,
          claim_date: null,
          summary: null,
          version: 1,
          created_at: created,
          updated_at: stageSince,
          updated_by: null,
        });
        start += sentences[c].length + 1;
        if (claims.length >= CHUNK) {
          await flush();
        }
      }
    }
    await flush();
  });
  return mine;
}
