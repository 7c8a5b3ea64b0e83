/**
 * Changes to a claim's evidence and notes, each checked against the shared rules
 * and written in one transaction with its history entry and change event. A
 * claim of an archived article takes none of them.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { EvidenceRequest } from '../../src/domain/requests';
import type { ClaimSummary, Evidence, Note } from '../../src/domain/claim';
import { mayDeleteNote } from '../../src/domain/notes';
import type { Actor } from '../../src/domain/workflow';
import type { Database } from '../database/schema';
import type { Db } from './claims';
import { recordClaimEvent } from './claim-updates';
import { type HistoryInput, recordHistory } from './history';
import { recordHandovers } from './handovers';
import { Changed, changeableClaim, changeTarget, refuseField } from './claim-guards';
import { insertNoteChecked, insertNoteRecorded } from './claim-writes';
import { isPostgres } from '../database/engine';
import { ForbiddenError, NotFoundError } from './errors';
import {
  deleteEvidence,
  EvidenceFields,
  findEvidence,
  insertEvidence,
  updateEvidence,
} from './evidence';
import { activeMentions, findNote, tombstoneNote } from './notes';
import { now } from './time';
import { writeStatement, writeTransaction } from '../database/transaction';
import { mentionCandidates } from '../../src/domain/notifications';
import { handoverMayNotify } from './notifications';

/** The evidence request (one shape with the dashboard's). */
export type EvidenceInput = EvidenceRequest;

/** The link's host, the default publisher; the link itself should a stored one not parse. */
function hostOf(url: string): string {
  try {
    return new URL(url).host || url;
  } catch {
    return url;
  }
}

function withDefaults(input: EvidenceInput): EvidenceFields {
  return {
    url: input.url,
    title: input.title.trim(),
    publisher: input.publisher?.trim() || hostOf(input.url),
    stance: input.stance,
    sourceType: input.sourceType,
    quote: input.quote?.trim() || null,
    archivedUrl: input.archivedUrl || null,
    accessedAt: input.accessedAt || null,
  };
}

export async function addEvidence(
  db: Kysely<Database>,
  claimId: string,
  input: EvidenceInput,
  actor: Actor,
): Promise<Changed<Evidence>> {
  return writeTransaction(db, async (trx) => {
    const claim = await changeableClaim(trx, claimId);
    refuseField(claim, actor, 'evidence');
    const at = now();
    const evidence: Evidence = {
      ...withDefaults(input),
      id: randomUUID(),
      claimId,
      createdAt: at,
      createdBy: actor.username,
      adoptedFrom: null,
    };
    await insertEvidence(trx, evidence);
    await recordHistory(trx, {
      claimId,
      articleId: claim.articleId,
      actor: actor.username,
      action: 'evidence_add',
      before: null,
      after: { ...withDefaults(input), id: evidence.id },
      at,
    });
    const { event } = await recordClaimEvent(trx, 'evidence.changed', claimId);
    return { value: evidence, events: [event] };
  });
}

/** The claim and the evidence link a change is about, once the actor may change it. */
async function evidenceForChange(
  trx: Db,
  claimId: string,
  evidenceId: string,
  actor: Actor,
): Promise<{ claim: ClaimSummary; current: Evidence }> {
  const claim = await changeableClaim(trx, claimId);
  const current = await findEvidence(trx, claimId, evidenceId);
  if (!current) {
    throw new NotFoundError('Evidence', evidenceId);
  }
  refuseField(claim, actor, 'evidence');
  return { claim, current };
}

export async function changeEvidence(
  db: Kysely<Database>,
  claimId: string,
  evidenceId: string,
  patch: Partial<EvidenceInput>,
  actor: Actor,
): Promise<Changed<Evidence>> {
  return writeTransaction(db, async (trx) => {
    const { claim, current } = await evidenceForChange(trx, claimId, evidenceId, actor);
    const merged = withDefaults({
      ...current,
      ...patch,
      // A new URL with no publisher given takes the new host, not the old publisher.
      publisher: 'publisher' in patch ? patch.publisher : patch.url ? null : current.publisher,
    });
    const updated: Evidence = { ...current, ...merged };
    const before: Record<string, unknown> = {};
    const after: Record<string, unknown> = {};
    for (const key of Object.keys(merged) as (keyof EvidenceFields)[]) {
      if (merged[key] !== current[key]) {
        before[key] = current[key];
        after[key] = merged[key];
      }
    }
    if (Object.keys(after).length === 0) {
      return { value: current, events: [] };
    }
    await updateEvidence(trx, updated);
    await recordHistory(trx, {
      claimId,
      articleId: claim.articleId,
      actor: actor.username,
      action: 'evidence_update',
      before: { id: evidenceId, ...before },
      after: { id: evidenceId, ...after },
      at: now(),
    });
    const { event } = await recordClaimEvent(trx, 'evidence.changed', claimId);
    return { value: updated, events: [event] };
  });
}

export async function removeEvidence(
  db: Kysely<Database>,
  claimId: string,
  evidenceId: string,
  actor: Actor,
): Promise<Changed<null>> {
  return writeTransaction(db, async (trx) => {
    const { claim, current } = await evidenceForChange(trx, claimId, evidenceId, actor);
    await deleteEvidence(trx, evidenceId);
    await recordHistory(trx, {
      claimId,
      articleId: claim.articleId,
      actor: actor.username,
      action: 'evidence_remove',
      before: { ...current },
      after: null,
      at: now(),
    });
    const { event } = await recordClaimEvent(trx, 'evidence.changed', claimId);
    return { value: null, events: [event] };
  });
}

export async function addNote(
  db: Kysely<Database>,
  claimId: string,
  text: string,
  actor: Actor,
): Promise<Changed<Note>> {
  // Most notes mention no one, and a desk without webhooks queues no delivery: then the
  // note, its history entry and its event are all there is to write, in one statement.
  if (!handoverMayNotify('note_added', mentionCandidates(text))) {
    const written = await writeStatement(db, async (one) => {
      if (isPostgres(one)) {
        // The claim is read and checked inside the statement that writes the note.
        const note = newNote(claimId, text, actor, []);
        const event = await insertNoteChecked(one, note, noteEntry(note));
        return event ? { value: note, events: [event] } : undefined;
      }
      const target = await changeTarget(one, claimId);
      if (target.activeWebhooks > 0) {
        return undefined;
      }
      const note = newNote(claimId, text, actor, []);
      const { event } = await insertNoteRecorded(
        one,
        target.claim,
        note,
        noteHistory(note, target.claim),
      );
      return { value: note, events: [event] };
    });
    if (written) {
      return written;
    }
  }
  return writeTransaction(db, async (trx) => {
    const { claim, articleHeadline } = await changeTarget(trx, claimId);
    const note = newNote(claimId, text, actor, await activeMentions(trx, text));
    const { claim: saved, event } = await insertNoteRecorded(
      trx,
      claim,
      note,
      noteHistory(note, claim),
    );
    const handedOver = await recordHandovers(
      trx,
      [
        {
          kind: 'note_added',
          claim: saved,
          actor,
          at: note.createdAt,
          before: { assignee: claim.assignee, submittedBy: claim.submittedBy },
          note: { id: note.id, text, mentions: note.mentions },
        },
      ],
      articleHeadline,
    );
    return { value: note, events: [event, ...handedOver] };
  });
}

function newNote(claimId: string, text: string, actor: Actor, mentions: string[]): Note {
  return {
    id: randomUUID(),
    claimId,
    author: actor.username,
    authorRole: actor.role,
    text,
    createdAt: now(),
    deletedAt: null,
    deletedBy: null,
    mentions,
  };
}

function noteHistory(note: Note, claim: ClaimSummary): HistoryInput {
  return { ...noteEntry(note), articleId: claim.articleId };
}

/** A new note's history entry, but for its article. */
function noteEntry(note: Note): Omit<HistoryInput, 'articleId'> {
  return {
    claimId: note.claimId,
    actor: note.author,
    action: 'note_add',
    before: null,
    after: { id: note.id, text: note.text },
    at: note.createdAt,
  };
}

export async function deleteNote(
  db: Kysely<Database>,
  claimId: string,
  noteId: string,
  actor: Actor,
): Promise<Changed<Note>> {
  return writeTransaction(db, async (trx) => {
    const claim = await changeableClaim(trx, claimId);
    const note = await findNote(trx, claimId, noteId);
    if (!note || note.deletedAt) {
      throw new NotFoundError('Note', noteId);
    }
    if (!mayDeleteNote(note, actor)) {
      throw new ForbiddenError('Only the author or an editor can delete a note.');
    }
    const at = now();
    // The row decides between two deletions sent at once: only one of them tombstones it.
    if (!(await tombstoneNote(trx, noteId, actor.username, at))) {
      throw new NotFoundError('Note', noteId);
    }
    await recordHistory(trx, {
      claimId,
      articleId: claim.articleId,
      actor: actor.username,
      action: 'note_delete',
      before: { id: noteId, text: note.text, author: note.author },
      after: { id: noteId, deleted: true },
      at,
    });
    const { event } = await recordClaimEvent(trx, 'note.changed', claimId);
    const deleted = await findNote(trx, claimId, noteId);
    return { value: deleted ?? note, events: [event] };
  });
}
