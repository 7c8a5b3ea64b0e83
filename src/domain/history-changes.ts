/**
 * What a history entry changed, field by field: `[{field, from, to}]`, derived
 * from the entry's `before` and `after` (which every entry has stored since the
 * first release), so that old entries, imported ones and new ones all say it the
 * same way. The server serves it with every entry (history API, JSON report);
 * the dashboard and the readable reports word it with `describeFieldChange`.
 *
 * The rule, one for every reader (report-sqlite.ts holds its SQL twin, tested
 * against this one):
 * - Only entries of a field change have changes: `update`, `bulk_undo`,
 *   `evidence_update` and the workflow actions (stage, assignee, verdict, and a
 *   dismissal's reason); an `import` entry that records one of these from a file
 *   (`fileAction`) has the file's. Creating, notes and evidence added or removed
 *   change no field.
 * - The fields are `after`'s, in its order, less bookkeeping (`id`, a bulk
 *   change's `batchId`, an import's provenance) and names that are not a field's
 *   (letters, digits and `_`, not starting with a digit); a field absent from
 *   `before` was empty (`null`). A field whose value did not change, or whose
 *   value is an object (never written since files were restricted to flat
 *   records), is left out.
 * - Never a note's text: notes live in entries without changes.
 */
import { type FlatValue, IMPORT_PROVENANCE_FIELDS, RESTORE_FIELDS } from './article-file';
import { CLAIM_KIND_LABELS } from './claim';
import { MEMORY_ACTIONS } from './claim-memory';
import { isVerdict, VERDICT_DEFINITIONS } from './verdicts';
import {
  ACTIONS,
  DISMISS_REASON_LABELS,
  FIELD_LABELS,
  isStage,
  STAGE_LABELS,
  type DismissReason,
} from './workflow';

/** One field an entry changed: its value before and after. */
export interface FieldChange {
  readonly field: string;
  readonly from: FlatValue;
  readonly to: FlatValue;
}

/** The actions whose entries change fields (an `import` entry: its `fileAction`). */
export const FIELD_CHANGE_ACTIONS: readonly string[] = [
  'update',
  'bulk_undo',
  'evidence_update',
  ...ACTIONS,
  ...Object.values(MEMORY_ACTIONS),
];

/** Names in `after` that are never a changed field. */
export const NOT_FIELDS: readonly string[] = [
  'id',
  'batchId',
  ...IMPORT_PROVENANCE_FIELDS,
  ...RESTORE_FIELDS,
  // Claim memory's provenance: which claim handed a repeat on, what an adoption copied.
  'via',
  'adoptedFrom',
  'adoptedEvidence',
];

const FIELD_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const CHANGE_ACTIONS = new Set(FIELD_CHANGE_ACTIONS);
const SKIPPED = new Set(NOT_FIELDS);

type Fields = Readonly<Record<string, unknown>>;

const isRecord = (value: unknown): value is Fields =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** What `historyChanges` reads of an entry. */
export interface ChangedEntry {
  readonly action: string;
  readonly before: Fields | null;
  readonly after: Fields | null;
}

/** The fields the entry changed, from and to (see the rule above); empty for other entries. */
export function historyChanges(entry: ChangedEntry): FieldChange[] {
  const after = isRecord(entry.after) ? entry.after : null;
  if (!after) {
    return [];
  }
  const action = entry.action === 'import' ? after['fileAction'] : entry.action;
  if (typeof action !== 'string' || !CHANGE_ACTIONS.has(action)) {
    return [];
  }
  const before = isRecord(entry.before) ? entry.before : {};
  const changes: FieldChange[] = [];
  for (const [field, to] of Object.entries(after)) {
    const from = Object.hasOwn(before, field) ? before[field] : null;
    if (
      SKIPPED.has(field) ||
      !FIELD_NAME.test(field) ||
      isRecord(to) ||
      isRecord(from) ||
      JSON.stringify(from) === JSON.stringify(to)
    ) {
      continue;
    }
    changes.push({ field, from: from as FlatValue, to: to as FlatValue });
  }
  return changes;
}

// --- In words -------------------------------------------------------------------------------

/** How values are worded: people by display name, times as the reader shows them. */
export interface ChangeWording {
  readonly nameOf?: (username: string) => string;
  /** An ISO 8601 time as words; by default "5 Dec 2026, 17:00 UTC". */
  readonly timeOf?: (iso: string) => string;
}

const FIELD_WORDS: Readonly<Record<string, string>> = {
  ...FIELD_LABELS,
  stage: 'stage',
  reason: 'reason',
  quote: 'quote',
  title: 'title',
  publisher: 'publisher',
  stance: 'stance',
  sourceType: 'source type',
  archivedUrl: 'archived copy',
  accessedAt: 'accessed',
  url: 'link',
};

const PEOPLE = new Set(['assignee', 'submittedBy', 'approvedBy']);
const TIMES = new Set(['dueAt', 'approvedAt', 'accessedAt']);
const LABELS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  kind: CLAIM_KIND_LABELS,
  reason: DISMISS_REASON_LABELS satisfies Record<DismissReason, string>,
  stance: { supports: 'Supports', refutes: 'Refutes', context: 'Context' },
  sourceType: { primary: 'Primary source', secondary: 'Secondary source' },
  claimantType: { Person: 'Person', Organization: 'Organisation' },
};

/** Text longer than this is shortened, at a word where it can. */
export const CHANGE_TEXT_MAX = 60;

const UTC_TIME = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'UTC',
});

const DAY = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
});

function utcTime(iso: string): string {
  const time = Date.parse(iso);
  return Number.isNaN(time) ? iso : `${UTC_TIME.format(time)} UTC`;
}

/** "due date", "verdict", "source type": a field as people call it. */
export function fieldWords(field: string): string {
  return Object.hasOwn(FIELD_WORDS, field)
    ? FIELD_WORDS[field]
    : field
        .replace(/_/g, ' ')
        .replace(/([a-z])([A-Z])/g, (_, a: string, b: string) => `${a} ${b.toLowerCase()}`);
}

/** Text on one line, at most CHANGE_TEXT_MAX characters, quoted. */
function shortText(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  if (line.length <= CHANGE_TEXT_MAX) {
    return `“${line}”`;
  }
  const cut = line.slice(0, CHANGE_TEXT_MAX - 1);
  const space = cut.lastIndexOf(' ');
  const endsWord = line[cut.length] === ' ';
  const kept = endsWord || space <= CHANGE_TEXT_MAX / 2 ? cut : cut.slice(0, space);
  // "began,…" reads as a typo: the cut ends on the word, not on its punctuation.
  return `“${kept.replace(/[\s,;:.–—-]+$/u, '')}…”`;
}

/** One value of a field in words: labels, names and dates as people read them. */
export function valueWords(field: string, value: FlatValue, wording: ChangeWording = {}): string {
  if (value === null || value === '') {
    return 'none';
  }
  if (Array.isArray(value)) {
    return value.length === 0
      ? 'none'
      : value.map((item) => valueWords(field, item, wording)).join(', ');
  }
  if (typeof value === 'boolean') {
    return value ? 'yes' : 'no';
  }
  if (typeof value === 'number') {
    return String(value);
  }
  const text = value as string;
  if (field === 'verdict' && isVerdict(text)) {
    return VERDICT_DEFINITIONS[text].label;
  }
  if (field === 'stage' && isStage(text)) {
    return STAGE_LABELS[text];
  }
  if (Object.hasOwn(LABELS, field) && Object.hasOwn(LABELS[field], text)) {
    return LABELS[field][text];
  }
  if (PEOPLE.has(field)) {
    return wording.nameOf ? wording.nameOf(text) : text;
  }
  if (TIMES.has(field)) {
    return (wording.timeOf ?? utcTime)(text);
  }
  if (field === 'claimDate' && /^\d{4}-\d{2}-\d{2}$/.test(text)) {
    return DAY.format(Date.parse(`${text}T00:00:00Z`));
  }
  return shortText(text);
}

/** "verdict: Mostly true → False", "due date: none → 5 Dec 2026, 17:00 UTC". */
export function describeFieldChange(change: FieldChange, wording: ChangeWording = {}): string {
  return (
    `${fieldWords(change.field)}: ${valueWords(change.field, change.from, wording)} → ` +
    valueWords(change.field, change.to, wording)
  );
}
