import { DatePipe } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  ElementRef,
  inject,
  input,
  signal,
  viewChild,
} from '@angular/core';
import { FormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatError, MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import {
  MatAutocomplete,
  MatAutocompleteSelectedEvent,
  MatAutocompleteTrigger,
} from '@angular/material/autocomplete';
import { MatOption } from '@angular/material/core';
import { MatInput } from '@angular/material/input';
import { toSignal } from '@angular/core/rxjs-interop';
import { Store } from '@ngrx/store';
import { Note } from '../../../domain/claim';
import { mayDeleteNote } from '../../../domain/notes';
import { Actor, ROLE_LABELS } from '../../../domain/workflow';
import { ShowErrorsWhileTyping } from '../evidence/evidence-form';
import { CHANGE_KEYS, ClaimDetailPageActions } from '../state/claim-detail.actions';
import { ChangeStatus, claimDetailFeature } from '../state/claim-detail.feature';
import { AwaitedChanges } from '../awaited-changes';
import { FIELD_LIMITS } from '../../../domain/requests';
import { usersFeature } from '../../users/state/users.feature';
import { insertMention, mentionQueryAt, notePieces, suggestPeople } from './mentions';

/** The server's limit on a note (server/routes/notes.ts). */
export const NOTE_MAX_LENGTH = FIELD_LIMITS.note;

/**
 * Whether the server lets `actor` delete `note`: its author, or an editor or
 * admin (mirrors deleteNote in server/repositories/claim-changes.ts).
 */
export function canDeleteNote(note: Note, actor: Actor | null): boolean {
  return actor !== null && mayDeleteNote(note, actor);
}

/** A claim's notes, oldest first, and the box to add one. */
@Component({
  selector: 'cd-claim-notes',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    DatePipe,
    ReactiveFormsModule,
    MatAutocomplete,
    MatAutocompleteTrigger,
    MatButton,
    MatError,
    MatOption,
    MatFormField,
    MatHint,
    MatInput,
    MatLabel,
  ],
  templateUrl: './claim-notes.html',
  styleUrl: './claim-notes.scss',
})
export class ClaimNotes {
  private readonly store = inject(Store);
  readonly claimId = input.required<string>();
  readonly notes = input.required<readonly Note[]>();
  readonly actor = input.required<Actor | null>();
  /** Username → display name, for the people known. */
  readonly displayNames = input<ReadonlyMap<string, string>>(new Map());
  /** Why no note may be added or deleted (an archived article), or null when they may. */
  readonly locked = input<string | null>(null);

  protected readonly roleLabels = ROLE_LABELS;
  protected readonly maxLength = NOTE_MAX_LENGTH;
  protected readonly showErrorsWhileTyping = new ShowErrorsWhileTyping();
  protected readonly noteText = inject(FormBuilder).nonNullable.control('', [
    Validators.required,
    Validators.pattern(/\S/),
    Validators.maxLength(NOTE_MAX_LENGTH),
  ]);
  private readonly people = this.store.selectSignal(usersFeature.selectAll);
  private readonly typed = toSignal(this.noteText.valueChanges, { initialValue: '' });
  /** Where the caret stands in the note box, as of the last key, click or input. */
  private readonly caret = signal(0);
  /** Active people to mention while an `@…` is typed, each with the text choosing them gives. */
  protected readonly mentionChoices = computed(() => {
    const text = this.typed();
    const caret = this.caret();
    const at = mentionQueryAt(text, caret);
    if (at === null) {
      return [];
    }
    return suggestPeople(this.people(), at.query).map((person) => ({
      person,
      ...insertMention(text, caret, at, person.username),
    }));
  });
  private readonly noteBox = viewChild.required<ElementRef<HTMLTextAreaElement>>('noteBox');
  private readonly changes = this.store.selectSignal(claimDetailFeature.selectChanges);
  /** The note whose deletion waits for a yes. */
  protected readonly confirmingId = signal<string | null>(null);
  /** The box empties once the server has the note, and keeps the text if not. */
  private readonly awaited = new AwaitedChanges(
    (key) => this.statusOf(key),
    (_key, saved) => {
      if (saved) {
        this.noteText.reset();
      }
    },
  );

  protected readonly items = computed(() => {
    const actor = this.actor();
    const names = this.displayNames();
    return this.notes().map((note) => ({
      note,
      author: names.get(note.author) ?? note.author,
      pieces: notePieces(note.text, note.mentions, names),
      deletedBy: note.deletedBy ? (names.get(note.deletedBy) ?? note.deletedBy) : null,
      deletable: this.locked() === null && canDeleteNote(note, actor),
    }));
  });
  protected readonly adding = computed(() => this.statusOf(CHANGE_KEYS.newNote) === 'pending');

  /** For the `n` shortcut. */
  focusNoteBox(): void {
    this.noteBox().nativeElement.focus();
  }

  protected followCaret(): void {
    this.caret.set(this.noteBox().nativeElement.selectionStart);
  }

  /** The box already holds the option's text: the caret goes after the inserted name. */
  protected mentionChosen(event: MatAutocompleteSelectedEvent): void {
    const choice = this.mentionChoices().find((c) => c.text === event.option.value);
    if (choice) {
      this.noteBox().nativeElement.setSelectionRange(choice.caret, choice.caret);
      this.caret.set(choice.caret);
    }
  }

  protected isDeleting(noteId: string): boolean {
    return this.statusOf(CHANGE_KEYS.noteDeletion(noteId)) === 'pending';
  }

  constructor() {
    effect(() => {
      if (this.locked() === null) {
        this.noteText.enable({ emitEvent: false });
      } else {
        this.noteText.disable({ emitEvent: false });
      }
    });
  }

  protected addNote(): void {
    if (this.locked() !== null) {
      return;
    }
    if (this.noteText.invalid || this.adding()) {
      this.noteText.markAsTouched();
      return;
    }
    this.store.dispatch(
      ClaimDetailPageActions.noteAdded({
        claimId: this.claimId(),
        text: this.noteText.value.trim(),
      }),
    );
    this.awaited.await(CHANGE_KEYS.newNote);
  }

  protected deleteNote(noteId: string): void {
    this.confirmingId.set(null);
    this.store.dispatch(ClaimDetailPageActions.noteDeleted({ claimId: this.claimId(), noteId }));
  }

  private statusOf(key: string): ChangeStatus | undefined {
    const changes = this.changes();
    return Object.hasOwn(changes, key) ? changes[key] : undefined;
  }
}
