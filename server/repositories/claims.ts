/**
 * Claims: the rows as the API serves them (with their counts), and a new claim's insert.
 * Updates of the row and the events that carry it are in claim-updates.ts.
 */
import { type ExpressionBuilder, type Kysely, sql, type Transaction } from 'kysely';
import { isPostgres } from '../database/engine';
import type { ClaimantType, ClaimDetail, ClaimKind, ClaimSummary } from '../../src/domain/claim';
import type { Verdict } from '../../src/domain/verdicts';
import type { DismissReason, Stage, WorkflowClaim } from '../../src/domain/workflow';
import type { ClaimRow, Database } from '../database/schema';
import { queryTemplate } from '../database/query-template';
import { listEvidence } from './evidence';
import { listNotes } from './notes';

export type Db = Kysely<Database> | Transaction<Database>;

const COUNTS = {
  evidence: 'evidence_count',
  notes: 'note_count',
  repeats: 'repeat_count',
} as const;

/**
 * The claim columns the API serves, named: a statement prepared on PostgreSQL must not
 * change its result's shape when a later migration adds a column (database/postgres-driver.ts).
 */
export const CLAIM_SUMMARY_COLUMNS = [
  'claims.id',
  'claims.article_id',
  'claims.quote',
  'claims.start_offset',
  'claims.end_offset',
  'claims.statement',
  'claims.kind',
  'claims.stage',
  'claims.verdict',
  'claims.rationale',
  'claims.assignee',
  'claims.submitted_by',
  'claims.dismiss_reason',
  'claims.due_at',
  'claims.stage_since',
  'claims.claimant',
  'claims.claimant_type',
  'claims.claim_date',
  'claims.summary',
  'claims.repeat_of',
  'claims.version',
  'claims.updated_at',
  'claims.updated_by',
] as const;

type SummaryColumn = (typeof CLAIM_SUMMARY_COLUMNS)[number] extends `claims.${infer C}` ? C : never;

function claimQuery(db: Db) {
  return db
    .selectFrom('claims')
    .select(CLAIM_SUMMARY_COLUMNS)
    .select((eb) => [
      eb
        .selectFrom('evidence')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('evidence.claim_id', '=', 'claims.id')
        .as(COUNTS.evidence),
      eb
        .selectFrom('notes')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('notes.claim_id', '=', 'claims.id')
        .where('notes.deleted_at', 'is', null)
        .as(COUNTS.notes),
      repeatCountOf(eb).as(COUNTS.repeats),
    ]);
}

/**
 * How many claims say they repeat `claims.id`, as a column of a query on claims (the
 * desk's lists use it too): read from the partial index claims_repeat_of (0012).
 */
export function repeatCountOf(eb: ExpressionBuilder<Database, 'claims'>) {
  return eb
    .selectFrom('claims as repeats')
    .select(eb.fn.countAll<number>().as('n'))
    .whereRef('repeats.repeat_of', '=', 'claims.id');
}

type ClaimWithCounts = Pick<ClaimRow, SummaryColumn> & {
  evidence_count: number | null;
  note_count: number | null;
  repeat_count: number | null;
};

export function toClaimSummary(row: ClaimWithCounts): ClaimSummary {
  return {
    id: row.id,
    articleId: row.article_id,
    quote: row.quote,
    start: row.start_offset,
    end: row.end_offset,
    statement: row.statement,
    kind: row.kind as ClaimKind,
    stage: row.stage as Stage,
    verdict: row.verdict as Verdict | null,
    rationale: row.rationale,
    assignee: row.assignee,
    submittedBy: row.submitted_by,
    dismissReason: row.dismiss_reason as DismissReason | null,
    dueAt: row.due_at,
    stageSince: row.stage_since,
    claimant: row.claimant,
    claimantType: row.claimant_type as ClaimantType,
    claimDate: row.claim_date,
    summary: row.summary,
    evidenceCount: Number(row.evidence_count ?? 0),
    noteCount: Number(row.note_count ?? 0),
    repeatOf: row.repeat_of,
    repeatCount: Number(row.repeat_count ?? 0),
    version: row.version,
    updatedAt: row.updated_at,
    updatedBy: row.updated_by,
  };
}

export function workflowView(claim: ClaimSummary): WorkflowClaim {
  return {
    stage: claim.stage,
    verdict: claim.verdict,
    rationale: claim.rationale,
    evidenceCount: claim.evidenceCount,
    assignee: claim.assignee,
    submittedBy: claim.submittedBy,
  };
}

export async function listClaims(db: Db, articleId: string): Promise<ClaimSummary[]> {
  const rows = await claimQuery(db)
    .where('claims.article_id', '=', articleId)
    .orderBy('claims.start_offset')
    .orderBy('claims.end_offset')
    .orderBy('claims.id')
    .execute();
  return rows.map(toClaimSummary);
}

export async function findClaim(db: Db, id: string): Promise<ClaimSummary | undefined> {
  const row = await claimQuery(db).where('claims.id', '=', id).executeTakeFirst();
  return row ? toClaimSummary(row) : undefined;
}

export async function findClaimDetail(db: Db, id: string): Promise<ClaimDetail | undefined> {
  const claim = await findClaim(db, id);
  if (!claim) {
    return undefined;
  }
  const [evidence, notes] = await Promise.all([listEvidence(db, id), listNotes(db, id)]);
  return { ...claim, evidence, notes };
}

export async function claimIdTaken(db: Db, id: string): Promise<boolean> {
  return recordIdTaken(db, 'claims', id);
}

/** Ids of claims, evidence and notes are global keys; an import checks before it reuses one. */
export async function recordIdTaken(
  db: Db,
  table: 'claims' | 'evidence' | 'notes',
  id: string,
): Promise<boolean> {
  const row = await db.selectFrom(table).select('id').where('id', '=', id).executeTakeFirst();
  return row !== undefined;
}

export interface NewClaim {
  readonly id: string;
  readonly articleId: string;
  readonly quote: string;
  readonly start: number;
  readonly end: number;
  readonly statement: string;
  readonly kind: ClaimKind;
  readonly stage: Stage;
  readonly verdict: Verdict | null;
  readonly rationale: string | null;
  readonly assignee: string | null;
}

/** What a JSON report carries beyond a new claim; an import restores it (defaults: a new claim's). */
export interface RestoredClaimFields {
  readonly submittedBy?: string | null;
  readonly dismissReason?: DismissReason | null;
  readonly approvedBy?: string | null;
  readonly approvedAt?: string | null;
  readonly version?: number;
  readonly createdAt?: string;
  readonly updatedAt?: string;
  readonly updatedBy?: string | null;
  readonly dueAt?: string | null;
  readonly stageSince?: string;
  readonly claimant?: string | null;
  readonly claimantType?: ClaimantType;
  readonly claimDate?: string | null;
  readonly summary?: string | null;
  readonly repeatOf?: string | null;
}

export async function insertClaim(
  db: Db,
  claim: NewClaim & RestoredClaimFields,
  at: string,
  actor: string | null,
) {
  await db
    .insertInto('claims')
    .values({
      id: claim.id,
      article_id: claim.articleId,
      quote: claim.quote,
      start_offset: claim.start,
      end_offset: claim.end,
      statement: claim.statement,
      kind: claim.kind,
      stage: claim.stage,
      verdict: claim.verdict,
      rationale: claim.rationale,
      assignee: claim.assignee,
      submitted_by: claim.submittedBy ?? null,
      dismiss_reason: claim.dismissReason ?? null,
      approved_by: claim.approvedBy ?? null,
      approved_at: claim.approvedAt ?? null,
      due_at: claim.dueAt ?? null,
      stage_since: claim.stageSince ?? claim.updatedAt ?? claim.createdAt ?? at,
      claimant: claim.claimant ?? null,
      claimant_type: claim.claimantType ?? 'Person',
      claim_date: claim.claimDate ?? null,
      summary: claim.summary ?? null,
      repeat_of: claim.repeatOf ?? null,
      version: claim.version ?? 1,
      created_at: claim.createdAt ?? at,
      updated_at: claim.updatedAt ?? claim.createdAt ?? at,
      updated_by: claim.updatedBy !== undefined ? claim.updatedBy : actor,
    })
    .execute();
}

/** The read every change of a claim starts with. */
function claimWithArticleStateQuery(db: Db, id: string) {
  return claimQuery(db)
    .innerJoin('articles', 'articles.id', 'claims.article_id')
    .select(['articles.archived as article_archived', 'articles.headline as article_headline'])
    .select((eb) =>
      eb
        .selectFrom('webhooks')
        .select(eb.fn.countAll<number>().as('n'))
        .where('webhooks.active', '=', 1)
        .as('active_webhooks'),
    )
    .where('claims.id', '=', id);
}

type ClaimStateRow = Awaited<
  ReturnType<ReturnType<typeof claimWithArticleStateQuery>['executeTakeFirstOrThrow']>
>;

/** Built and compiled once (SQLite). */
const claimWithArticleState = queryTemplate((db: Db, values: { id: string }) =>
  claimWithArticleStateQuery(db, values.id),
);

/**
 * PostgreSQL: the same row as one JSON value. pg describes and decodes every column of
 * every row it receives; for this read of 29 columns, on every write, that was more of
 * the server's CPU than the rest of the read (profile in BENCHMARKS.md). One `json`
 * column is one field to describe and one JSON.parse.
 */
const claimWithArticleStateJson = queryTemplate((db: Db, values: { id: string }) =>
  db
    .selectFrom(claimWithArticleStateQuery(db, values.id).as('found'))
    .select(sql<ClaimStateRow>`row_to_json(found)`.as('found')),
);

async function claimStateRow(db: Db, id: string): Promise<ClaimStateRow | undefined> {
  if (isPostgres(db)) {
    return (await claimWithArticleStateJson(db, { id })).rows[0]?.found;
  }
  return (await claimWithArticleState(db, { id })).rows[0];
}

/**
 * The claim, whether its article is archived, the article's headline and the number of
 * active webhooks (a change with none to tell needs no hand-over written), in one read.
 */
export async function findClaimWithArticleState(
  db: Db,
  id: string,
): Promise<
  | {
      claim: ClaimSummary;
      articleArchived: boolean;
      articleHeadline: string;
      activeWebhooks: number;
    }
  | undefined
> {
  const row = await claimStateRow(db, id);
  return row
    ? {
        claim: toClaimSummary(row),
        articleArchived: Number(row.article_archived) !== 0,
        articleHeadline: row.article_headline,
        activeWebhooks: Number(row.active_webhooks ?? 0),
      }
    : undefined;
}
