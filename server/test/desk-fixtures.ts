/** Articles with claims in given states, written straight to the database, for the desk tests. */
import type { Verdict } from '../../src/domain/verdicts';
import type { Stage } from '../../src/domain/workflow';
import { insertClaim } from '../repositories/claims';
import type { Harness } from './harness';

export interface FixtureClaim {
  readonly id: string;
  readonly stage?: Stage;
  readonly assignee?: string | null;
  readonly verdict?: Verdict | null;
  readonly rationale?: string | null;
  readonly submittedBy?: string | null;
  readonly dueAt?: string | null;
  readonly stageSince?: string;
  readonly updatedAt?: string;
  readonly statement?: string;
  readonly claimant?: string | null;
  readonly summary?: string | null;
}

export interface FixtureArticle {
  readonly id: string;
  readonly headline: string;
  readonly archived?: boolean;
  readonly claims: readonly FixtureClaim[];
}

/** Each claim quotes a sentence of its own: "Sentence <n> of <article>." */
export async function addArticle(h: Harness, article: FixtureArticle): Promise<void> {
  const sentences = article.claims.map((_, i) => `Sentence ${i + 1} of ${article.id}.`);
  const text = sentences.join(' ');
  const at = '2026-01-01T00:00:00.000Z';
  await h.app.db
    .insertInto('articles')
    .values({
      id: article.id,
      headline: article.headline,
      outlet: null,
      url: null,
      published_at: null,
      language: 'en',
      text,
      headings: '[]',
      created_at: at,
      updated_at: at,
      created_by: null,
      archived: article.archived ? 1 : 0,
    })
    .execute();
  let start = 0;
  for (const [i, claim] of article.claims.entries()) {
    const quote = sentences[i];
    await insertClaim(
      h.app.db,
      {
        id: claim.id,
        articleId: article.id,
        quote,
        start,
        end: start + quote.length,
        statement: claim.statement ?? quote,
        kind: 'figure',
        stage: claim.stage ?? 'new',
        verdict: claim.verdict ?? null,
        rationale: claim.rationale ?? null,
        assignee: claim.assignee ?? null,
        submittedBy: claim.submittedBy ?? null,
        dueAt: claim.dueAt ?? null,
        stageSince: claim.stageSince ?? at,
        updatedAt: claim.updatedAt ?? at,
        claimant: claim.claimant ?? null,
        summary: claim.summary ?? null,
        createdAt: at,
      },
      at,
      null,
    );
    start += quote.length + 1;
  }
}

export async function setArchived(h: Harness, articleId: string, archived: boolean) {
  await h.app.db
    .updateTable('articles')
    .set({ archived: archived ? 1 : 0 })
    .where('id', '=', articleId)
    .execute();
}

const PAST = '2020-01-01T00:00:00.000Z';
const FUTURE = '2099-01-01T00:00:00.000Z';

/**
 * The desk tests' claims: casey's across two articles and an archived one, due
 * dates past and future, reviews submitted by different people.
 */
export async function addDeskArticles(h: Harness): Promise<void> {
  await addArticle(h, {
    id: 'desk-alpha',
    headline: 'Alpha: the harbour budget',
    claims: [
      {
        id: 'a1',
        assignee: 'casey',
        stage: 'researching',
        dueAt: '2020-01-02T00:00:00.000Z',
        updatedAt: '2026-01-01T00:00:01.000Z',
      },
      { id: 'a2', assignee: 'casey', dueAt: FUTURE, updatedAt: '2026-01-01T00:00:02.000Z' },
      {
        id: 'a3',
        assignee: 'casey',
        stage: 'changes_requested',
        verdict: 'false',
        updatedAt: '2026-01-01T00:00:03.000Z',
      },
      {
        id: 'a4',
        assignee: 'robin',
        stage: 'in_review',
        verdict: 'false',
        submittedBy: 'robin',
        dueAt: PAST,
        stageSince: '2026-01-01T00:00:00.000Z',
      },
      { id: 'a5', updatedAt: '2026-01-01T00:00:05.000Z' },
      {
        id: 'a6',
        assignee: 'casey',
        stage: 'approved',
        verdict: 'true',
        dueAt: PAST,
        updatedAt: '2026-01-01T00:00:06.000Z',
      },
    ],
  });
  await addArticle(h, {
    id: 'desk-beta',
    headline: 'Beta: the tram plan',
    claims: [
      {
        id: 'b1',
        assignee: 'casey',
        stage: 'in_review',
        verdict: 'true',
        submittedBy: 'casey',
        stageSince: '2025-06-01T00:00:00.000Z',
        dueAt: '2099-06-01T00:00:00.000Z',
        updatedAt: '2026-01-01T00:00:07.000Z',
      },
      {
        id: 'b2',
        assignee: 'dana',
        stage: 'in_review',
        verdict: 'misleading',
        submittedBy: 'dana',
        stageSince: '2025-01-01T00:00:00.000Z',
      },
      { id: 'b3', updatedAt: '2026-01-01T00:00:09.000Z' },
      {
        id: 'b4',
        assignee: 'casey',
        stage: 'researching',
        dueAt: '2030-01-01T00:00:00.000Z',
        rationale: 'The HARBOUR figure is 100% wrong_ly quoted.',
        claimant: 'Marion Adebayo',
        summary: 'Tram costs doubled',
        updatedAt: '2026-01-01T00:00:04.000Z',
      },
    ],
  });
  await addArticle(h, {
    id: 'desk-gamma',
    headline: 'Gamma: archived',
    archived: true,
    claims: [
      { id: 'g1', assignee: 'casey', stage: 'researching', dueAt: PAST },
      { id: 'g2', assignee: 'casey' },
    ],
  });
}
