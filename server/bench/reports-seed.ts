/**
 * The report benchmark's desk (reports.ts): one article of 10,000 claims joined from the API
 * benchmark's generated articles 0–199 (seed.ts), each claim with a workflow's worth of
 * evidence, notes and history, stored with the repositories in one transaction.
 */
import type { Kysely } from 'kysely';
import type { ClaimKind, Heading } from '../../src/domain/claim';
import { VERDICTS } from '../../src/domain/verdicts';
import type { Database } from '../database/schema';
import { insertArticle } from '../repositories/articles';
import { insertClaim } from '../repositories/claims';
import { recordHistory } from '../repositories/history';
import { insertEvidence } from '../repositories/evidence';
import { insertNote, tombstoneNote } from '../repositories/notes';
import { generateArticle } from './seed';

export const ARTICLE_ID = 'newsroom-10000';
const PARTS = 200;
export const CLAIMS = 10_000;

/** One timestamp per second of a fixed day, so every run stores the same data. */
function at(second: number): string {
  return new Date(Date.UTC(2026, 0, 5, 9) + second * 1000).toISOString();
}

export async function seed(db: Kysely<Database>): Promise<void> {
  const texts: string[] = [];
  const headings: Heading[] = [];
  const parts = Array.from({ length: PARTS }, (_, i) => generateArticle(i));
  let offset = 0;
  let line = 0;
  const claims: {
    id: string;
    quote: string;
    start: number;
    end: number;
    statement: string;
    kind: ClaimKind;
  }[] = [];
  for (const [index, part] of parts.entries()) {
    if (index > 0) {
      texts.push('\n\n');
      offset += 2;
      line += 2;
    }
    for (const heading of part.article.headings) {
      headings.push({
        ...heading,
        line: heading.line + line,
        start: heading.start + offset,
        end: heading.end + offset,
      });
    }
    for (const claim of part.claims) {
      claims.push({
        id: `r-${String(claims.length).padStart(5, '0')}`,
        quote: claim.quote,
        start: claim.start + offset,
        end: claim.end + offset,
        statement: claim.statement,
        kind: claim.kind,
      });
    }
    texts.push(part.article.text);
    offset += part.article.text.length;
    line += part.article.text.split('\n').length - 1;
  }
  const text = texts.join('');

  await db.transaction().execute(async (trx) => {
    await insertArticle(
      trx,
      {
        id: ARTICLE_ID,
        headline: 'City budget 2026: ten thousand claims checked',
        outlet: 'Benchmark Gazette',
        url: 'https://news.example.org/bench/newsroom-10000',
        publishedAt: '2025-05-01',
        language: 'en',
        text,
        headings,
      },
      at(0),
      null,
    );
    for (const [i, claim] of claims.entries()) {
      if (text.slice(claim.start, claim.end) !== claim.quote) {
        throw new Error(`${claim.id}: quote not at its offsets`);
      }
      const approved = i % 2 === 0;
      const verdict = VERDICTS[i % VERDICTS.length];
      await insertClaim(
        trx,
        {
          ...claim,
          articleId: ARTICLE_ID,
          stage: approved ? 'approved' : 'researching',
          verdict,
          rationale: `Checked against the council minutes and the audited accounts (${i}).`,
          assignee: 'casey',
        },
        at(1),
        'casey',
      );
      const history = (second: number, action: string, after: Record<string, unknown> | null) =>
        recordHistory(trx, {
          claimId: claim.id,
          articleId: ARTICLE_ID,
          actor: action === 'approve' ? 'dana' : 'casey',
          action,
          before: null,
          after,
          at: at(second),
        });
      await history(1, 'import', { quote: claim.quote, statement: claim.statement });
      await history(2, 'start', { stage: 'researching' });
      for (const [n, stance] of (['refutes', 'context'] as const).entries()) {
        const evidence = {
          id: `${claim.id}-e${n}`,
          claimId: claim.id,
          url: `https://records.example.org/minutes/${i}/${n}`,
          title: `Council minutes, item ${i}.${n}`,
          publisher: 'City council',
          stance,
          sourceType: 'primary' as const,
          quote: null,
          archivedUrl: null,
          accessedAt: '2026-01-04',
          createdAt: at(3 + n),
          createdBy: 'casey',
        };
        await insertEvidence(trx, evidence);
        await history(3 + n, 'evidence_add', { id: evidence.id, url: evidence.url });
      }
      const note = {
        id: `${claim.id}-n0`,
        claimId: claim.id,
        author: 'casey',
        authorRole: 'fact_checker' as const,
        text: `Called the press office about claim ${i}; they sent the spreadsheet.`,
        createdAt: at(5),
        deletedAt: null,
        deletedBy: null,
        mentions: [],
      };
      await insertNote(trx, note);
      await history(5, 'note_add', { id: note.id, text: note.text });
      if (i % 10 === 0) {
        await insertNote(trx, { ...note, id: `${claim.id}-n1`, text: 'Wrong claim, ignore.' });
        await tombstoneNote(trx, `${claim.id}-n1`, 'dana', at(6));
        await history(6, 'note_delete', { id: `${claim.id}-n1`, deleted: true });
      }
      if (approved) {
        await history(7, 'submit', { stage: 'in_review', verdict });
        await history(8, 'approve', { stage: 'approved' });
        await trx
          .updateTable('claims')
          .set({ submitted_by: 'casey', approved_by: 'dana', approved_at: at(8) })
          .where('id', '=', claim.id)
          .execute();
      }
    }
  });
}
