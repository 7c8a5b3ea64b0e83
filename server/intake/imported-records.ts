/**
 * What an article file's claims become in the database, by who imports it:
 *
 * - `trusted`: the start-up import of `claims/` (no person): as the file gives it.
 * - `restore`: an admin importing a file as it is (a backup): stages, approvals,
 *   notes and history as the file gives them, and one history entry more,
 *   "restored from a file by <admin>", which ClaimReview accepts as the approval.
 * - `import`: everyone else, and every import as a copy. The importer is the
 *   actor of everything stored: each claim starts again as `new` (no assignee,
 *   submission or approval) with its statement, verdict, rationale, evidence and
 *   notes as data; each history entry of the file becomes an `import` entry by
 *   the importer that names the file's actor, action and time as fields
 *   (`fileActor`, `fileAction`, `fileAt`); each note is the importer's, its text
 *   opening with who the file says wrote it. Nothing in a file can make someone
 *   else the author of an action here.
 */
import type { ArticleFile, ArticleFileClaim, ArticleFileNote } from '../../src/domain/article-file';
import type { Evidence, Note } from '../../src/domain/claim';
import type { Role } from '../../src/domain/workflow';
import type { ArticleRecords } from '../repositories/articles';
import type { HistoryInput } from '../repositories/history';
import { clip, historyOf } from './imported-history';

export type ImportMode = 'trusted' | 'restore' | 'import';

/** The person importing through the API. */
export interface Importer {
  readonly username: string;
  readonly role: Role;
}

export interface RecordContext {
  readonly mode: ImportMode;
  /** Null only for `trusted`. */
  readonly importer: Importer | null;
  readonly at: string;
  readonly articleId: string;
  /** New ids of claims, evidence and notes whose own were taken (all of them for a copy). */
  readonly claimIds: ReadonlyMap<string, string>;
  readonly evidenceIds: ReadonlyMap<string, string>;
  readonly noteIds: ReadonlyMap<string, string>;
  /** Account roles of note authors whose notes name none (trusted and restore). */
  readonly roles: ReadonlyMap<string, Role>;
}

/** A note's text is capped as in the schema. */
const MAX_NOTE = 10_000;

/** A note as the importer's: its text opens with whom the file gives as its author. */
function importedNoteText(note: ArticleFileNote, importer: Importer): string {
  if (note.deletedAt) {
    return '';
  }
  const role = note.authorRole ? `, ${note.authorRole.replace('_', '-')}` : '';
  const marker = `[Imported by ${importer.username}; the file gives it as a note by ${note.author}${role}, ${note.createdAt}]\n`;
  return marker + clip(note.text, MAX_NOTE - marker.length);
}

// No object spread in what runs per claim: on Node 20, `{ ...a, b }` costs tens of
// microseconds an object, seconds for a file of 20,000 claims.

/** A date-time as UTC ISO text (`…Z`); one that does not parse is kept as given (the schema checked it). */
function utc(value: string): string {
  const time = Date.parse(value);
  return Number.isNaN(time) ? value : new Date(time).toISOString();
}

function claimRecord(claim: ArticleFileClaim, id: string, context: RecordContext) {
  const reset = context.mode === 'import';
  const at = context.at;
  return {
    id,
    articleId: context.articleId,
    quote: claim.quote,
    start: claim.start,
    end: claim.end,
    statement: claim.statement,
    kind: claim.kind,
    verdict: claim.verdict,
    rationale: claim.rationale,
    stage: reset ? ('new' as const) : claim.stage,
    assignee: reset ? null : claim.assignee,
    submittedBy: reset ? null : (claim.submittedBy ?? null),
    dismissReason: reset ? null : (claim.dismissReason ?? null),
    approvedBy: reset ? null : (claim.approvedBy ?? null),
    approvedAt: reset ? null : (claim.approvedAt ?? null),
    version: reset ? 1 : (claim.version ?? 1),
    createdAt: reset ? at : (claim.createdAt ?? at),
    updatedAt: reset ? at : (claim.updatedAt ?? claim.createdAt ?? at),
    updatedBy:
      reset || claim.updatedBy === undefined
        ? (context.importer?.username ?? null)
        : claim.updatedBy,
    // What the claim is (who said it, when, its published form) travels with it;
    // the desk's planning (deadline, time in stage) only with a restore.
    // Stored as UTC ISO text, as the desk compares and sorts them: a file may give an offset.
    dueAt: reset || !claim.dueAt ? null : utc(claim.dueAt),
    stageSince: reset ? at : utc(claim.stageSince ?? claim.updatedAt ?? claim.createdAt ?? at),
    claimant: claim.claimant ?? null,
    claimantType: claim.claimantType ?? ('Person' as const),
    claimDate: claim.claimDate ?? null,
    summary: claim.summary ?? null,
    // Kept if it names a claim once stored (settleImportedRepeats, claim-memory.ts).
    repeatOf: claim.repeatOf ? (context.claimIds.get(claim.repeatOf) ?? claim.repeatOf) : null,
  };
}

/** Longest stretch of building rows before other requests may run. */
const SLICE_MS = 15;
const CLAIMS_PER_PART = 200;

/**
 * `recordsOf`, letting other requests run every few milliseconds: 20,000 claims took
 * 60-70 ms in one go on a busy machine. The rows are the same.
 */
export async function recordsOfYielding(
  file: ArticleFile,
  context: RecordContext,
): Promise<ArticleRecords> {
  const parts: ArticleRecords[] = [];
  let sliceStart = performance.now();
  for (let from = 0; from < file.claims.length; from += CLAIMS_PER_PART) {
    const claims = file.claims.slice(from, from + CLAIMS_PER_PART);
    parts.push(recordsOf({ ...file, claims }, context));
    if (performance.now() - sliceStart > SLICE_MS) {
      await new Promise((resolve) => setImmediate(resolve));
      sliceStart = performance.now();
    }
  }
  const all = (pick: (records: ArticleRecords) => readonly unknown[]) =>
    parts.flatMap((records) => pick(records) as unknown[]);
  return {
    claims: all((r) => r.claims) as ArticleRecords['claims'][number][],
    evidence: all((r) => r.evidence) as Evidence[],
    notes: all((r) => r.notes) as Note[],
    history: all((r) => r.history) as HistoryInput[],
  };
}

/** Every row the file's claims become, by the rules above. */
export function recordsOf(file: ArticleFile, context: RecordContext): ArticleRecords {
  const records = {
    claims: [] as ArticleRecords['claims'][number][],
    evidence: [] as Evidence[],
    notes: [] as Note[],
    history: [] as HistoryInput[],
  };
  const importer = context.mode === 'import' ? context.importer : null;
  const fallback = context.importer?.username ?? 'import';
  for (const claim of file.claims) {
    const id = context.claimIds.get(claim.id) ?? claim.id;
    records.claims.push(claimRecord(claim, id, context));
    for (const evidence of claim.evidence) {
      records.evidence.push({
        id: context.evidenceIds.get(evidence.id) ?? evidence.id,
        claimId: id,
        url: evidence.url,
        title: evidence.title.replace(/\s+/g, ' ').trim(),
        publisher: evidence.publisher.replace(/\s+/g, ' ').trim(),
        stance: evidence.stance,
        sourceType: evidence.sourceType,
        quote: evidence.quote ?? null,
        archivedUrl: evidence.archivedUrl ?? null,
        accessedAt: evidence.accessedAt ?? null,
        createdAt: evidence.createdAt ?? context.at,
        createdBy: importer ? importer.username : (evidence.createdBy ?? fallback),
        adoptedFrom: evidence.adoptedFrom ?? null,
      });
    }
    for (const note of claim.notes) {
      const deletedAt = note.deletedAt ?? null;
      records.notes.push({
        id: context.noteIds.get(note.id) ?? note.id,
        claimId: id,
        createdAt: note.createdAt,
        deletedAt,
        author: importer ? importer.username : note.author,
        // A hand-written note names no role: the author's account says it, else the least one.
        authorRole: importer
          ? importer.role
          : (note.authorRole ?? context.roles.get(note.author) ?? 'fact_checker'),
        deletedBy: deletedAt ? (importer?.username ?? note.deletedBy ?? note.author) : null,
        text: importer ? importedNoteText(note, importer) : note.text,
        // A file's notes told nobody when they were written; importing them tells nobody either.
        mentions: [],
      });
    }
    records.history.push(...historyOf(claim, id, context));
  }
  return records;
}
