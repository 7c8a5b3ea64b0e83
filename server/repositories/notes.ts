/** Editor notes: appended, never edited; a deletion leaves a tombstone. */
import type { Kysely, Transaction } from 'kysely';
import type { Note } from '../../src/domain/claim';
import { mentionCandidates } from '../../src/domain/notifications';
import type { Role } from '../../src/domain/workflow';
import type { Database, NoteRow } from '../database/schema';

type Db = Kysely<Database> | Transaction<Database>;

export function toNote(row: NoteRow): Note {
  const deleted = row.deleted_at !== null;
  return {
    id: row.id,
    claimId: row.claim_id,
    author: row.author,
    authorRole: row.author_role as Role,
    text: deleted ? '' : row.text,
    createdAt: row.created_at,
    deletedAt: row.deleted_at,
    deletedBy: row.deleted_by,
    mentions: deleted ? [] : parseMentions(row.mentions),
  };
}

function parseMentions(stored: string): string[] {
  try {
    const value: unknown = JSON.parse(stored);
    return Array.isArray(value) ? value.filter((item) => typeof item === 'string') : [];
  } catch {
    return [];
  }
}

/**
 * The usernames a note's text mentions (`@username`) that name an active person, in the
 * order the text names them; an unknown or disabled name mentions nobody.
 */
export async function activeMentions(db: Db, text: string): Promise<string[]> {
  const candidates = mentionCandidates(text);
  if (candidates.length === 0) {
    return [];
  }
  const rows = await db
    .selectFrom('users')
    .select('username')
    .where('username', 'in', candidates)
    .where('disabled', '=', 0)
    .execute();
  const active = new Set(rows.map((row) => row.username));
  return candidates.filter((username) => active.has(username));
}

export async function listNotes(db: Db, claimId: string): Promise<Note[]> {
  const rows = await db
    .selectFrom('notes')
    .selectAll()
    .where('claim_id', '=', claimId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map(toNote);
}

export async function findNote(db: Db, claimId: string, id: string): Promise<Note | undefined> {
  const row = await db
    .selectFrom('notes')
    .selectAll()
    .where('claim_id', '=', claimId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? toNote(row) : undefined;
}

/** A new note's row, as stored. */
export function noteRow(note: Note) {
  return {
    id: note.id,
    claim_id: note.claimId,
    author: note.author,
    author_role: note.authorRole,
    text: note.text,
    created_at: note.createdAt,
    deleted_at: null,
    deleted_by: null,
    mentions: JSON.stringify(note.mentions),
  };
}

export async function insertNote(db: Db, note: Note): Promise<void> {
  await db.insertInto('notes').values(noteRow(note)).execute();
}

/** Deletes a live note; false when it is gone or deleted already (by a change that came first). */
export async function tombstoneNote(db: Db, id: string, by: string, at: string): Promise<boolean> {
  // The text is kept in the history entry written beside this; the live row keeps none.
  const result = await db
    .updateTable('notes')
    .set({ deleted_at: at, deleted_by: by, text: '' })
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * The live notes of an article's claims as one text per claim, for the
 * dashboard's search: claims without live notes are absent, and a deleted
 * note's text is gone (its row keeps none). `claimId` narrows it to one claim.
 */
export async function noteTextByClaim(
  db: Db,
  articleId: string,
  claimId?: string,
): Promise<Record<string, string>> {
  let query = db
    .selectFrom('notes')
    .innerJoin('claims', 'claims.id', 'notes.claim_id')
    .select(['notes.claim_id as claimId', 'notes.text as text'])
    .where('claims.article_id', '=', articleId)
    .where('notes.deleted_at', 'is', null);
  if (claimId !== undefined) {
    query = query.where('notes.claim_id', '=', claimId);
  }
  const rows = await query.orderBy('notes.created_at').orderBy('notes.id').execute();
  // A Map, not an object: a claim id is free text within idParam, `__proto__` included.
  const texts = new Map<string, string[]>();
  for (const row of rows) {
    const parts = texts.get(row.claimId);
    if (parts) {
      parts.push(row.text);
    } else {
      texts.set(row.claimId, [row.text]);
    }
  }
  return Object.fromEntries([...texts].map(([id, parts]) => [id, parts.join('\n')]));
}
