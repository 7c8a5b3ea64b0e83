/**
 * The history a file's claim brings, by who imports it (see imported-records.ts): as the
 * file gives it (trusted, restore), or each entry as data of an `import` entry by the
 * importer; then the entries of the import itself.
 */
import {
  type ArticleFileClaim,
  type ArticleFileHistoryEntry,
  type FlatRecord,
  type FlatValue,
  IMPORT_PROVENANCE_FIELDS,
  RESTORE_FIELDS,
} from '../../src/domain/article-file';
import type { HistoryInput } from '../repositories/history';
import type { RecordContext } from './imported-records';

/** The schema's caps on a history entry's fields (`flatRecord`). */
const MAX_FIELDS = 64;
const MAX_STRING = 10_000;
const MAX_IMPORTED_VIA = 20;
/** Fields an import record sets itself; a file's own are dropped, never trusted. */
const RESERVED = new Set<string>([...IMPORT_PROVENANCE_FIELDS, ...RESTORE_FIELDS]);

/** Text cut to the schema's cap, an ellipsis saying so. */
export const clip = (text: string, max = MAX_STRING) =>
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

// Runs per claim: no object spread here either (imported-records.ts says why).

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

/** Every history entry of a stored claim `id`, by the rules above. */
export function historyOf(
  claim: ArticleFileClaim,
  id: string,
  context: RecordContext,
): HistoryInput[] {
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
