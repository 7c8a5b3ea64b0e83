/** Articles: their per-stage and per-verdict counts, and an imported article's records in bulk. */
import { isPostgres } from '../database/engine';
import { CompiledQuery, type Kysely } from 'kysely';
import type {
  ArticleDetail,
  ArticleSummary,
  Evidence,
  Heading,
  Note,
} from '../../src/domain/claim';
import { VERDICTS, Verdict } from '../../src/domain/verdicts';
import { STAGES, Stage } from '../../src/domain/workflow';
import type { Selectable } from 'kysely';
import type { ArticleClaimCountsTable, ArticleRow, Database } from '../database/schema';
import { settleImportedRepeats } from './claim-memory';
import type { Db, NewClaim, RestoredClaimFields } from './claims';
import type { HistoryInput } from './history';

export interface NewArticle {
  readonly id: string;
  readonly headline: string;
  readonly outlet: string | null;
  readonly url: string | null;
  readonly publishedAt: string | null;
  readonly language: string;
  readonly text: string;
  readonly headings: readonly Heading[];
}

interface Counts {
  stage: Record<Stage, number>;
  verdict: Record<Verdict | 'none', number>;
}

/** An article's counts as the database keeps them (migration 0013): one row per article. */
type CountsRow = Omit<Selectable<ArticleClaimCountsTable>, 'article_id'>;

const COUNT_COLUMNS = [
  ...STAGES.map((stage) => `c.stage_${stage}` as const),
  ...[...VERDICTS, 'none' as const].map((verdict) => `c.verdict_${verdict}` as const),
];

function toCounts(row: CountsRow): Counts {
  return {
    stage: Object.fromEntries(STAGES.map((s) => [s, Number(row[`stage_${s}`])])) as Counts['stage'],
    verdict: Object.fromEntries(
      [...VERDICTS, 'none' as const].map((v) => [v, Number(row[`verdict_${v}`])]),
    ) as Counts['verdict'],
  };
}

/** The columns of a summary: never the text or headings, the bulk of an article's row. */
const SUMMARY_COLUMNS = [
  'a.id',
  'a.headline',
  'a.outlet',
  'a.url',
  'a.published_at',
  'a.language',
  'a.created_at',
  'a.updated_at',
  'a.version',
  'a.archived',
] as const;

type SummaryRow = Pick<
  ArticleRow,
  | 'id'
  | 'headline'
  | 'outlet'
  | 'url'
  | 'published_at'
  | 'language'
  | 'created_at'
  | 'updated_at'
  | 'version'
  | 'archived'
> &
  CountsRow;

/**
 * Articles with their counts, one row each: every article has its counts row, made by the
 * database when the article is inserted (migration 0013).
 */
function summaries(db: Db) {
  return db
    .selectFrom('articles as a')
    .innerJoin('article_claim_counts as c', 'c.article_id', 'a.id')
    .select(SUMMARY_COLUMNS)
    .select(COUNT_COLUMNS);
}

function toSummary(row: SummaryRow): ArticleSummary {
  const c = toCounts(row);
  return {
    id: row.id,
    headline: row.headline,
    outlet: row.outlet,
    url: row.url,
    publishedAt: row.published_at,
    language: row.language,
    claimCount: Object.values(c.stage).reduce((sum, n) => sum + n, 0),
    stageCounts: c.stage,
    verdictCounts: c.verdict,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
    archived: row.archived === 1,
  };
}

/** Every article, oldest first; archived ones only when asked for. */
export async function listArticles(
  db: Kysely<Database>,
  options: { readonly archived?: boolean } = {},
): Promise<ArticleSummary[]> {
  let query = summaries(db).orderBy('a.created_at').orderBy('a.id');
  if (!options.archived) {
    query = query.where('a.archived', '=', 0);
  }
  return (await query.execute()).map(toSummary);
}

/** The article as the list shows it (no text), archived or not. */
export async function findArticleSummary(db: Db, id: string): Promise<ArticleSummary | undefined> {
  const row = await summaries(db).where('a.id', '=', id).executeTakeFirst();
  return row ? toSummary(row) : undefined;
}

/** Whether the article is archived (its claims read-only); undefined when there is no such article. */
export async function articleArchived(db: Db, id: string): Promise<boolean | undefined> {
  const row = await db
    .selectFrom('articles')
    .select('archived')
    .where('id', '=', id)
    .executeTakeFirst();
  return row === undefined ? undefined : row.archived === 1;
}

/** Article columns `PATCH /api/articles/:id` may set. */
export interface ArticleChanges {
  headline?: string;
  outlet?: string | null;
  url?: string | null;
  published_at?: string | null;
  archived?: 0 | 1;
}

/**
 * Applies `changes` only if the article is still at `expectedVersion`, bumping
 * the version; false when someone else changed it first (nothing written then).
 */
export async function updateArticleIfVersion(
  db: Db,
  id: string,
  expectedVersion: number,
  changes: ArticleChanges,
  at: string,
): Promise<boolean> {
  const result = await db
    .updateTable('articles')
    .set((eb) => ({ ...changes, version: eb('version', '+', 1), updated_at: at }))
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function findArticle(
  db: Kysely<Database>,
  id: string,
): Promise<ArticleDetail | undefined> {
  const row = await summaries(db)
    .select(['a.text', 'a.headings'])
    .where('a.id', '=', id)
    .executeTakeFirst();
  if (!row) {
    return undefined;
  }
  return {
    ...toSummary(row),
    text: row.text,
    headings: JSON.parse(row.headings) as Heading[],
  };
}

export async function findArticleText(db: Db, id: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('articles')
    .select('text')
    .where('id', '=', id)
    .executeTakeFirst();
  return row?.text;
}

export async function articleExists(db: Db, id: string): Promise<boolean> {
  const row = await db.selectFrom('articles').select('id').where('id', '=', id).executeTakeFirst();
  return row !== undefined;
}

export async function insertArticle(
  db: Kysely<Database>,
  article: NewArticle,
  at: string,
  createdBy: string | null,
): Promise<void> {
  await db
    .insertInto('articles')
    .values({
      id: article.id,
      headline: article.headline,
      outlet: article.outlet,
      url: article.url,
      published_at: article.publishedAt,
      language: article.language,
      text: article.text,
      headings: JSON.stringify(article.headings),
      created_at: at,
      updated_at: at,
      created_by: createdBy,
    })
    .execute();
}

/** Everything an imported article holds besides itself, as `insertArticleRecords` stores it. */
export interface ArticleRecords {
  readonly claims: readonly (NewClaim & Required<RestoredClaimFields>)[];
  readonly evidence: readonly Evidence[];
  readonly notes: readonly Note[];
  readonly history: readonly HistoryInput[];
}

/** Rows per INSERT: every full chunk has the same SQL, so SQLite prepares it once. */
const ROWS_PER_INSERT = 100;

/**
 * Inserts `rows` (values in `columns` order) into `table` with multi-row
 * INSERTs of plain SQL and bound values. The query builder is not used here:
 * building and compiling 400,000 value nodes for a file of 20,000 claims took
 * longer than SQLite takes to store them.
 */
async function insertRows(
  db: Db,
  table: 'claims' | 'evidence' | 'notes' | 'history',
  columns: readonly string[],
  rows: readonly (readonly unknown[])[],
): Promise<void> {
  const into = `insert into "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) values `;
  // SQLite numbers its parameters `?`, PostgreSQL `$1, $2, …`.
  const numbered = isPostgres(db);
  const tuples = (count: number) =>
    Array.from(
      { length: count },
      (_, row) =>
        `(${columns.map((_c, column) => (numbered ? `$${row * columns.length + column + 1}` : '?')).join(', ')})`,
    ).join(', ');
  let sliceStart = performance.now();
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
    const chunk = rows.slice(i, i + ROWS_PER_INSERT);
    await db.executeQuery(CompiledQuery.raw(into + tuples(chunk.length), chunk.flat()));
    if (performance.now() - sliceStart > SLICE_MS) {
      await yieldToOthers();
      sliceStart = performance.now();
    }
  }
}

/**
 * Longest stretch of inserting before the event loop runs again. better-sqlite3 runs each
 * statement synchronously and awaiting a query yields only to promise callbacks, so an
 * import of 20,000 claims otherwise held every other request for most of a second. The
 * connection stays this transaction's while it yields (the driver's lock): other requests
 * that need the database still wait for it, but everything else (static files, event
 * streams, parsing the next request) goes on. On PostgreSQL each query is real I/O anyway.
 */
const SLICE_MS = 15;

function yieldToOthers(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

const CLAIM_COLUMNS = [
  'id',
  'article_id',
  'quote',
  'start_offset',
  'end_offset',
  'statement',
  'kind',
  'stage',
  'verdict',
  'rationale',
  'assignee',
  'submitted_by',
  'dismiss_reason',
  'approved_by',
  'approved_at',
  'due_at',
  'stage_since',
  'claimant',
  'claimant_type',
  'claim_date',
  'summary',
  'version',
  'created_at',
  'updated_at',
  'updated_by',
  'repeat_of',
] as const;
const EVIDENCE_COLUMNS = [
  'id',
  'claim_id',
  'url',
  'title',
  'publisher',
  'stance',
  'source_type',
  'quote',
  'archived_url',
  'accessed_at',
  'created_at',
  'created_by',
  'adopted_from',
] as const;
const NOTE_COLUMNS = [
  'id',
  'claim_id',
  'author',
  'author_role',
  'text',
  'created_at',
  'deleted_at',
  'deleted_by',
] as const;
const HISTORY_COLUMNS = [
  'claim_id',
  'article_id',
  'at',
  'actor',
  'action',
  'before',
  'after',
  'note',
  'correction',
] as const;

/**
 * Stores an imported article's claims, evidence, notes and history (see
 * `insertRows`). A deleted note is stored with empty text, as a tombstone is.
 */
export async function insertArticleRecords(db: Db, records: ArticleRecords): Promise<void> {
  await insertRows(
    db,
    'claims',
    CLAIM_COLUMNS,
    records.claims.map((claim) => [
      claim.id,
      claim.articleId,
      claim.quote,
      claim.start,
      claim.end,
      claim.statement,
      claim.kind,
      claim.stage,
      claim.verdict,
      claim.rationale,
      claim.assignee,
      claim.submittedBy,
      claim.dismissReason,
      claim.approvedBy,
      claim.approvedAt,
      claim.dueAt,
      claim.stageSince,
      claim.claimant,
      claim.claimantType,
      claim.claimDate,
      claim.summary,
      claim.version,
      claim.createdAt,
      claim.updatedAt,
      claim.updatedBy,
      claim.repeatOf,
    ]),
  );
  await settleImportedRepeats(db, [...new Set(records.claims.map((claim) => claim.articleId))]);
  await insertRows(
    db,
    'evidence',
    EVIDENCE_COLUMNS,
    records.evidence.map((evidence) => [
      evidence.id,
      evidence.claimId,
      evidence.url,
      evidence.title,
      evidence.publisher,
      evidence.stance,
      evidence.sourceType,
      evidence.quote,
      evidence.archivedUrl,
      evidence.accessedAt,
      evidence.createdAt,
      evidence.createdBy,
      evidence.adoptedFrom,
    ]),
  );
  await insertRows(
    db,
    'notes',
    NOTE_COLUMNS,
    records.notes.map((note) => [
      note.id,
      note.claimId,
      note.author,
      note.authorRole,
      note.deletedAt === null ? note.text : '',
      note.createdAt,
      note.deletedAt,
      note.deletedBy,
    ]),
  );
  await insertRows(
    db,
    'history',
    HISTORY_COLUMNS,
    records.history.map((entry) => [
      entry.claimId,
      entry.articleId,
      entry.at,
      entry.actor,
      entry.action,
      // JSON text, as recordHistory stores it.
      entry.before ? JSON.stringify(entry.before) : null,
      entry.after ? JSON.stringify(entry.after) : null,
      entry.note ?? null,
      entry.correction ? 1 : 0,
    ]),
  );
}

/** Which of `ids` a row of `table` already has: ids are global keys, and a copy reuses them. */
export async function takenIds(
  db: Db,
  table: 'claims' | 'evidence' | 'notes',
  ids: readonly string[],
): Promise<Set<string>> {
  const taken = new Set<string>();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db
      .selectFrom(table)
      .select('id')
      .where('id', 'in', ids.slice(i, i + 500))
      .execute();
    for (const row of rows) {
      taken.add(row.id);
    }
  }
  return taken;
}
