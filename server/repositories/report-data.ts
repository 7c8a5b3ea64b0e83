/**
 * The report queries: an article with everything recorded on it, in the
 * article file format (report-types.ts), for server/reports/* to filter and
 * format. One query per table whatever the article's size (no query per
 * claim), in one read-only snapshot. Where the engines differ (each claim's
 * items, and the JSON report's bytes) one implementation per engine:
 * report-sqlite.ts and report-postgres.ts.
 */
import { type Kysely, type SelectQueryBuilder, sql, type Transaction } from 'kysely';
import type { ClaimantType, ClaimKind, Heading } from '../../src/domain/claim';
import type { FilterableClaim } from '../../src/domain/claim-filter';
import type { Verdict } from '../../src/domain/verdicts';
import type { DismissReason, Stage } from '../../src/domain/workflow';
import { isPostgres } from '../database/engine';
import type { ArticleRow, ClaimRow, Database } from '../database/schema';
import { postgresClaimItems } from './report-postgres';
import { sqliteClaimItems, sqliteJsonClaims } from './report-sqlite';
import type {
  ExportedArticle,
  ExportedClaim,
  ExportedEvidence,
  ExportedHistoryEntry,
  ExportedNote,
  ReportClaim,
} from './report-types';
import { allSuggestions } from './suggestions';

/** `full`: each claim's whole history; `last`: its latest entry; `none`: no history. */
export type HistoryMode = 'full' | 'last' | 'none';
/** A claim's items, by claim id. */
export type Grouped<T> = (claimId: string) => T[];
export type ClaimIds = SelectQueryBuilder<Database, 'claims', { id: string }>;

export interface ClaimItems {
  readonly evidence: Grouped<ExportedEvidence>;
  readonly notes: Grouped<ExportedNote>;
  readonly history: Grouped<ExportedHistoryEntry>;
}

/** A claim of the JSON report: what the filter reads, and the claim in the file format as UTF-8. */
export interface JsonClaimRow extends FilterableClaim {
  readonly json: Uint8Array;
  /** Text of its notes that are not deleted, one per line (only when asked for). */
  readonly noteText: string | null;
}

type Suggestions = Awaited<ReturnType<typeof allSuggestions>>;

/**
 * `read` in one read-only snapshot of the database, outside any write batch
 * (SQLite: database/group-commit.ts). PostgreSQL's default READ COMMITTED takes
 * a snapshot per statement: REPEATABLE READ keeps one for the transaction.
 */
export function readSnapshot<T>(
  db: Kysely<Database>,
  read: (trx: Transaction<Database>) => Promise<T>,
): Promise<T> {
  const transaction = db.transaction().setAccessMode('read only');
  return (isPostgres(db) ? transaction.setIsolationLevel('repeatable read') : transaction).execute(
    read,
  );
}

function exportArticle(article: ArticleRow): ExportedArticle {
  return {
    id: article.id,
    headline: article.headline,
    outlet: article.outlet,
    url: article.url,
    publishedAt: article.published_at,
    language: article.language,
    text: article.text,
    headings: JSON.parse(article.headings) as Heading[],
    createdAt: article.created_at,
    createdBy: article.created_by,
  };
}

/** The claim in the file format's field order (the JSON report's bytes follow it) and its filter fields. */
function reportClaim(row: ClaimRow, items: ClaimItems): ReportClaim {
  const evidence = items.evidence(row.id);
  const notes = items.notes(row.id);
  let noteCount = 0;
  let noteText = '';
  for (const note of notes) {
    if (note.deletedAt === null) {
      noteCount += 1;
      noteText += `${note.text}\n`;
    }
  }
  const exported: ExportedClaim = {
    id: row.id,
    quote: row.quote,
    start: row.start_offset,
    end: row.end_offset,
    statement: row.statement,
    kind: row.kind as ClaimKind,
    stage: row.stage as Stage,
    verdict: row.verdict as Verdict | null,
    rationale: row.rationale,
    assignee: row.assignee,
    evidence,
    notes,
    submittedBy: row.submitted_by,
    dismissReason: row.dismiss_reason as DismissReason | null,
    approvedBy: row.approved_by,
    approvedAt: row.approved_at,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    updatedBy: row.updated_by,
    dueAt: row.due_at,
    stageSince: row.stage_since,
    claimant: row.claimant,
    claimantType: row.claimant_type as ClaimantType,
    claimDate: row.claim_date,
    summary: row.summary,
    repeatOf: row.repeat_of,
    history: items.history(row.id),
  };
  return {
    id: exported.id,
    start: exported.start,
    end: exported.end,
    quote: exported.quote,
    statement: exported.statement,
    rationale: exported.rationale,
    kind: exported.kind,
    stage: exported.stage,
    verdict: exported.verdict,
    assignee: exported.assignee,
    evidenceCount: evidence.length,
    noteCount,
    updatedAt: exported.updatedAt,
    dueAt: exported.dueAt,
    exported,
    noteText,
  };
}

function claimItems(trx: Transaction<Database>, claimIds: ClaimIds, mode: HistoryMode) {
  return isPostgres(trx)
    ? postgresClaimItems(trx, claimIds, mode)
    : sqliteClaimItems(trx, claimIds, mode);
}

/**
 * The claims whose approval ClaimReview may publish: the latest of their
 * approve, reopen and import entries is an approval by the editor the claim
 * names, or an import of the claim as approved by the start-up import of
 * `claims/` (actor `import`) or an admin's restore. An editor's import never
 * is: it starts claims again as new. The JSON of an import entry is read in
 * TypeScript, the same on both engines (one row per approved claim).
 */
async function approvalsOf(trx: Transaction<Database>, claimIds: ClaimIds): Promise<Set<string>> {
  const now = new Date().toISOString();
  const { rows } = await sql<{
    id: string;
    approved_by: string | null;
    article_created_at: string;
    action: string;
    actor: string;
    at: string;
    after: string | null;
  }>`
    select c.id, c.approved_by, a.created_at as article_created_at,
      h.action, h.actor, h.at, h.after
    from claims c join history h on h.id = (
      select max(id) from history
      where claim_id = c.id and action in ('approve', 'reopen', 'import')
    )
    join articles a on a.id = c.article_id
    where c.id in (${claimIds}) and c.stage = 'approved' and h.action in ('approve', 'import')`.execute(
    trx,
  );
  const publishable = new Set<string>();
  for (const row of rows) {
    if (row.action === 'approve') {
      // Made here: after the article arrived (a file imported before imports were marked as
      // such could carry an approve entry, dated before), and not in the future.
      if (row.actor === row.approved_by && row.at >= row.article_created_at && row.at <= now) {
        publishable.add(row.id);
      }
    } else if (importedApproved(row.after, row.actor)) {
      publishable.add(row.id);
    }
  }
  return publishable;
}

/** An import entry's `after` says approved, by the start-up import or an admin's restore. */
function importedApproved(after: string | null, actor: string): boolean {
  let value: unknown;
  try {
    value = after === null ? null : JSON.parse(after);
  } catch {
    return false;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return false;
  }
  const record = value as Record<string, unknown>;
  return (
    record['stage'] === 'approved' &&
    (actor === 'import' || record['restored'] === true || record['restored'] === 1)
  );
}

export interface ReportData {
  readonly article: ExportedArticle;
  /** Every claim of the article, in no particular order. */
  readonly claims: ReportClaim[];
  /** With `approvals`: the approved claims whose approval ClaimReview may publish. */
  readonly publishable?: Set<string>;
  readonly people: readonly { username: string; display_name: string }[];
  /** With full history: the suggestions and their decisions (undefined: none generated). */
  readonly suggestions?: Suggestions;
}

/** The article as the reports carry it, or undefined when there is no such article. */
async function readExportedArticle(
  trx: Transaction<Database>,
  articleId: string,
): Promise<ExportedArticle | undefined> {
  const row = await trx
    .selectFrom('articles')
    .selectAll()
    .where('id', '=', articleId)
    .executeTakeFirst();
  return row ? exportArticle(row) : undefined;
}

/** An article's claim rows, and its claim ids as a subquery for the items' queries. */
async function articleClaims(trx: Transaction<Database>, articleId: string) {
  const claimIds = trx.selectFrom('claims').select('id').where('article_id', '=', articleId);
  const rows = await trx
    .selectFrom('claims')
    .selectAll()
    .where('article_id', '=', articleId)
    .execute();
  return { claimIds, rows };
}

/** The article and everything on it, or undefined when there is no such article. */
export async function loadReportData(
  db: Kysely<Database>,
  articleId: string,
  options: { readonly history: HistoryMode; readonly approvals: boolean },
): Promise<ReportData | undefined> {
  return readSnapshot(db, async (trx) => {
    const article = await readExportedArticle(trx, articleId);
    if (!article) {
      return undefined;
    }
    const { claimIds, rows: claims } = await articleClaims(trx, articleId);
    const items = await claimItems(trx, claimIds, options.history);
    return {
      article,
      claims: claims.map((row) => reportClaim(row, items)),
      publishable: options.approvals ? await approvalsOf(trx, claimIds) : undefined,
      people: await trx.selectFrom('users').select(['username', 'display_name']).execute(),
      // The lossless file carries the suggestions and their decisions too.
      suggestions: options.history === 'full' ? await allSuggestions(trx, articleId) : undefined,
    };
  });
}

export interface JsonReportData {
  readonly article: ExportedArticle;
  /** Every claim of the article, in no particular order. */
  readonly claims: readonly JsonClaimRow[];
  readonly suggestions: Suggestions;
}

/**
 * The JSON report's pieces: each claim's JSON is what `loadReportData` with full
 * history gives, JSON.stringify-ed. SQLite writes it (report-sqlite.ts); on
 * PostgreSQL it is stringified here. Undefined when there is no such article.
 */
export async function loadJsonReportData(
  db: Kysely<Database>,
  articleId: string,
  options: { readonly searchesNotes: boolean },
): Promise<JsonReportData | undefined> {
  return readSnapshot(db, async (trx) => {
    const article = await readExportedArticle(trx, articleId);
    if (!article) {
      return undefined;
    }
    let claims: JsonClaimRow[];
    if (isPostgres(trx)) {
      const { claimIds, rows } = await articleClaims(trx, articleId);
      const items = await postgresClaimItems(trx, claimIds, 'full');
      claims = rows.map((row) => {
        const { exported, noteText, ...filterable } = reportClaim(row, items);
        return { ...filterable, noteText, json: Buffer.from(JSON.stringify(exported)) };
      });
    } else {
      claims = await sqliteJsonClaims(trx, articleId, options.searchesNotes);
    }
    return {
      article,
      claims,
      suggestions: await allSuggestions(trx, articleId),
    };
  });
}
