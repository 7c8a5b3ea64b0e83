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
import type {
  ArticleFile,
  ArticleFileClaim,
  ArticleFileHistoryEntry,
  ArticleFileNote,
  FlatRecord,
  FlatValue,
} from '../../src/domain/article-file';
import type { Evidence, Note } from '../../src/domain/claim';
import type { Role } from '../../src/domain/workflow';
import type { ArticleRecords } from '../repositories/articles';
import type { HistoryInput } from '../repositories/history';

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

/** The schema's caps on a history entry's fields (`flatRecord`) and on a note. */
const MAX_FIELDS = 64;
const MAX_STRING = 10_000;
const MAX_NOTE = 10_000;
const MAX_IMPORTED_VIA = 20;
/** Fields an import record sets itself; a file's own are dropped, never trusted. */
const RESERVED = new Set([
  'fileAt',
  'fileActor',
  'fileAction',
  'fileCorrection',
  'importedVia',
  'restored',
  'restoredBy',
]);

const clip = (text: string, max = MAX_STRING) =>
  text.length <= max ? text : `${text.slice(0, max - 1)}…`;

/** `ours` first, then as many of `theirs` (less the reserved names) as the cap leaves room for. */
function fields(ours: Record<string, FlatValue>, theirs: FlatRecord | null): FlatRecord {
  let room = MAX_FIELDS - Object.keys(ours).length;
  for (const [key, value] of Object.entries(theirs ?? {})) {
    if (room > 0 && !Object.hasOwn(ours, key) && !RESERVED.has(key)) {
      ours[key] = value;
      room--;
    }
  }
  return ours;
}

/** An `id` field that names renamed evidence or a renamed note follows the rename. */
function renamed(record: FlatRecord | null, context: RecordContext): FlatRecord | null {
  const id = record?.['id'];
  const next =
    typeof id === 'string' ? (context.evidenceIds.get(id) ?? context.noteIds.get(id)) : undefined;
  return record && next ? { ...record, id: next } : record;
}

/** A file's history entry as data of an `import` entry by the importer. */
function importRecord(entry: ArticleFileHistoryEntry, importer: string, at: string) {
  const earlier = entry.action === 'import' && typeof entry.after?.['fileActor'] === 'string';
  const provenance: Record<string, FlatValue> = earlier
    ? {
        fileAt: entry.after?.['fileAt'] ?? entry.at,
        fileActor: entry.after?.['fileActor'] ?? entry.actor,
        fileAction: entry.after?.['fileAction'] ?? entry.action,
        importedVia: [
          ...(Array.isArray(entry.after?.['importedVia'])
            ? (entry.after['importedVia'] as readonly string[])
            : []),
          entry.actor,
        ].slice(-MAX_IMPORTED_VIA),
      }
    : { fileAt: entry.at, fileActor: entry.actor, fileAction: entry.action };
  if (entry.correction || entry.after?.['fileCorrection'] === true) {
    provenance['fileCorrection'] = true;
  }
  return {
    at,
    actor: importer,
    action: 'import',
    before: entry.before,
    after: fields(provenance, entry.after),
    note: entry.note,
    correction: false,
  };
}

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

/** The last entries of a claim's history: what the import itself did. */
function importEntries(
  claim: ArticleFileClaim,
  id: string,
  context: RecordContext,
): Omit<HistoryInput, 'claimId' | 'articleId'>[] {
  const { importer, at } = context;
  const summary: Record<string, FlatValue> = {
    quote: clip(claim.quote),
    statement: claim.statement,
    kind: claim.kind,
    stage: context.mode === 'import' ? 'new' : claim.stage,
  };
  if (context.mode === 'trusted' || !importer) {
    return claim.history
      ? []
      : [{ at, actor: 'import', action: 'import', before: null, after: summary }];
  }
  if (context.mode === 'restore') {
    summary['restored'] = true;
    summary['restoredBy'] = importer.username;
    return [
      {
        at,
        actor: importer.username,
        action: 'import',
        before: null,
        after: summary,
        note: `Restored from a file by ${importer.username}, who vouches for its history and approvals.`,
      },
    ];
  }
  const file = summary;
  file['verdict'] = claim.verdict;
  if (claim.stage !== 'new') file['fileStage'] = claim.stage;
  if (claim.assignee) file['fileAssignee'] = claim.assignee;
  if (claim.submittedBy) file['fileSubmittedBy'] = claim.submittedBy;
  if (claim.approvedBy) file['fileApprovedBy'] = claim.approvedBy;
  if (claim.approvedAt) file['fileApprovedAt'] = claim.approvedAt;
  if (id !== claim.id) file['fileClaimId'] = claim.id;
  return [
    {
      at,
      actor: importer.username,
      action: 'import',
      before: null,
      after: file,
      note:
        `Imported from a file by ${importer.username}. The claim starts again as new; ` +
        'what the file records (stage, approval, history, notes) is kept as data.',
    },
  ];
}

function historyOf(claim: ArticleFileClaim, id: string, context: RecordContext): HistoryInput[] {
  const entries: HistoryInput[] = [];
  const add = (entry: Omit<HistoryInput, 'claimId' | 'articleId'>) =>
    entries.push({
      claimId: id,
      articleId: context.articleId,
      at: entry.at,
      actor: entry.actor,
      action: entry.action,
      before: entry.before,
      after: entry.after,
      note: entry.note ?? null,
      correction: entry.correction ?? false,
    });
  for (const given of claim.history ?? []) {
    const entry: ArticleFileHistoryEntry = {
      at: given.at,
      actor: given.actor,
      action: given.action,
      before: renamed(given.before, context),
      after: renamed(given.after, context),
      note: given.note,
      correction: given.correction,
    };
    add(
      context.mode === 'import' && context.importer
        ? importRecord(entry, context.importer.username, context.at)
        : entry,
    );
  }
  importEntries(claim, id, context).forEach(add);
  return entries;
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
