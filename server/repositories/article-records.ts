/**
 * An imported article's claims, evidence, notes and history stored in bulk, and which ids
 * a copy or an import would reuse. The article itself and its counts are in articles.ts.
 */
import { CompiledQuery } from 'kysely';
import { isPostgres } from '../database/engine';
import type { ArticleRecords } from './articles';
import { settleImportedRepeats } from './claim-memory';
import type { Db } from './claims';

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
