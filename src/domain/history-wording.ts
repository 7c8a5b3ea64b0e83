/**
 * A history entry in words, for the dashboard's timeline and the server's
 * readable reports alike: "Dana approved the claim as False", "Casey changed the
 * verdict and rationale". Pure, so both sides word an entry the same way.
 *
 * Only the actor, the action and the names of changed fields are read from an
 * entry, never a note's or a field's text: a deleted note's text must not come
 * back through its history.
 */
import { IMPORT_PROVENANCE_FIELDS } from './article-file';
import { HistoryEntry } from './claim';
import { isVerdict, VERDICT_DEFINITIONS } from './verdicts';
import { ACTION_PAST_TENSE, FIELD_LABELS, isAction, isStage, STAGE_LABELS } from './workflow';

/** What wording an entry needs. */
export type DescribableEntry = Pick<HistoryEntry, 'actor' | 'action' | 'after'>;

/** "verdict", "verdict and rationale", "kind, verdict and rationale". */
export function listFields(fields: readonly string[]): string {
  const labels = fields.map((field) =>
    Object.hasOwn(FIELD_LABELS, field)
      ? FIELD_LABELS[field as keyof typeof FIELD_LABELS]
      : field.replace(/_/g, ' '),
  );
  return labels.length <= 1
    ? (labels[0] ?? '')
    : `${labels.slice(0, -1).join(', ')} and ${labels[labels.length - 1]}`;
}

const OTHER_ACTIONS: Readonly<Record<string, string>> = {
  import: 'imported',
  create: 'created',
  update: 'edited',
  evidence_add: 'added evidence to',
  evidence_update: 'edited evidence of',
  evidence_remove: 'removed evidence from',
  note_add: 'added a note to',
  note_delete: 'deleted a note on',
  bulk_undo: 'undid a bulk change to',
  // Claim memory (src/domain/claim-memory.ts MEMORY_ACTIONS).
  mark_repeat: 'linked an earlier check to',
  unmark_repeat: 'unlinked the earlier check from',
  adopt: 'adopted the earlier check into',
};

/** Bookkeeping the server adds to an entry's `after`: never a changed field. */
const BULK_MARK = 'batchId';

/** The account the importer records when a claims file, not a person, brought the claim in. */
const IMPORTER = 'import';

/** Fields the server sets on an `import` entry of a file's history entry, beside the file's own. */
const PROVENANCE = new Set<string>(IMPORT_PROVENANCE_FIELDS);

type Fields = Readonly<Record<string, unknown>>;

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/** "approved the claim as False", "changed the verdict and rationale": an action in words. */
function describeAction(action: string, after: Fields | null): string {
  const fields =
    action === 'update' && after ? Object.keys(after).filter((key) => key !== BULK_MARK) : [];
  if (fields.length > 0) {
    return `changed the ${listFields(fields)}`;
  }
  const verb = isAction(action)
    ? ACTION_PAST_TENSE[action]
    : Object.hasOwn(OTHER_ACTIONS, action)
      ? OTHER_ACTIONS[action]
      : action.replace(/_/g, ' ');
  const verdict = after?.['verdict'];
  const asVerdict =
    (action === 'approve' || action === 'submit') && isVerdict(verdict)
      ? ` as ${VERDICT_DEFINITIONS[verdict].label}`
      : '';
  return `${verb} the claim${asVerdict}`;
}

const FILE_DATE = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
});

/** "3 May 2026" (the day in UTC), or null when the file gives no time one can read. */
function fileDate(value: unknown): string | null {
  const at = text(value);
  return at !== null && !Number.isNaN(Date.parse(at)) ? FILE_DATE.format(new Date(at)) : null;
}

/**
 * An entry of the file's history, stored as the importer's `import` entry: what
 * the file says, quoted and dated as the file's, never as something done here.
 * The file's actor is given as the file spells it, not as an account's name.
 */
function describeFileEntry(who: string, after: Fields, fileActor: string): string {
  const fileAction = text(after['fileAction']) ?? 'import';
  const own = Object.fromEntries(Object.entries(after).filter(([key]) => !PROVENANCE.has(key)));
  const quoted =
    fileActor === IMPORTER && fileAction === 'import'
      ? 'imported from a claims file'
      : `${fileActor} ${describeAction(fileAction, own)}`;
  const date = fileDate(after['fileAt']);
  const details = [
    after['fileCorrection'] === true ? 'a correction' : null,
    date ? `dated ${date}` : null,
  ].filter((detail) => detail !== null);
  const inFile = details.length > 0 ? ` (${details.join(', ')} in the file)` : '';
  return `${who} imported from a file: “${quoted}”${inFile}`;
}

/** The entry an editor's import ends with: the claim as it starts here, and what the file said. */
function describeImportedClaim(who: string, after: Fields): string {
  const stage = after['stage'];
  const fileStage = after['fileStage'];
  const approvedBy = text(after['fileApprovedBy']);
  const given = isStage(fileStage)
    ? ` (the file gives it as ${STAGE_LABELS[fileStage]}${approvedBy ? `, approved by ${approvedBy}` : ''})`
    : '';
  return `${who} imported the claim from a file as ${isStage(stage) ? STAGE_LABELS[stage] : 'New'}${given}`;
}

function describeImport(entry: DescribableEntry, who: string): string {
  const after = entry.after;
  const fileActor = text(after?.['fileActor']);
  if (after && fileActor !== null) {
    return describeFileEntry(who, after, fileActor);
  }
  if (after?.['restored'] === true) {
    return `${who} restored the claim from a file`;
  }
  if (after && typeof after['stage'] === 'string') {
    return describeImportedClaim(who, after);
  }
  return `${who} imported the claim`;
}

/**
 * One line a person reads: "Dana approved the claim as False", "Casey changed
 * the verdict and rationale", "Dana imported from a file: “eli approved the
 * claim” (dated 3 May 2026 in the file)". `nameOf` gives a username's display
 * name; it is never applied to a name a file gives.
 */
export function describeEntry(
  entry: DescribableEntry,
  nameOf: (username: string) => string = (username) => username,
): string {
  if (entry.action === 'import' && entry.actor === IMPORTER) {
    return 'Imported from a claims file';
  }
  const who = nameOf(entry.actor);
  if (entry.action === 'import') {
    return describeImport(entry, who);
  }
  const inBatch =
    entry.action !== 'bulk_undo' && typeof entry.after?.[BULK_MARK] === 'string'
      ? ' in a bulk change'
      : '';
  return `${who} ${describeAction(entry.action, entry.after)}${inBatch}`;
}
