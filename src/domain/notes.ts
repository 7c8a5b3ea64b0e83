/**
 * Who may delete a note: its author, or anyone with editorial authority. One
 * rule for the dashboard (which offers Delete) and the server (which enforces it).
 */
import { Actor, isEditorial } from './workflow';

export interface DeletableNote {
  readonly author: string;
  readonly deletedAt: string | null;
}

export function mayDeleteNote(note: DeletableNote, actor: Actor): boolean {
  return note.deletedAt === null && (note.author === actor.username || isEditorial(actor.role));
}
