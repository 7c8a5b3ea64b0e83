import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  output,
  signal,
  untracked,
} from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatMenu, MatMenuItem, MatMenuTrigger } from '@angular/material/menu';
import { Store } from '@ngrx/store';
import { ClaimSummary } from '../../domain/claim';
import { BULK_MAX_IDS, BulkOp } from '../../domain/desk';
import { sessionFeature } from '../session/state/session.feature';
import { usersFeature } from '../users/state/users.feature';
import { ActionDialog, ActionDialogData, ActionDialogResult } from '../workspace/action-dialog';
import { BulkActionChoice, BulkChoice, bulkChoices } from './bulk-choices';
import { DueDateDialog, DueDateDialogData, DueDateDialogResult } from './due-date-dialog';
import { claimLabel, selectedWords } from './outcome-words';
import { BulkBarActions } from './state/bulk.actions';
import { bulkFeature } from './state/bulk.feature';

let requests = 0;

/** Names one request of one bar, so that the bar can follow its fate in the store. */
function nextRequestId(): string {
  requests += 1;
  return `bulk-${Date.now().toString(36)}-${requests}`;
}

/**
 * The bar over a list with selected claims: Assign, Due date and the workflow
 * actions the rules allow for the selection, each saying how many of the
 * selection it applies to. The batch goes to every selected claim: the server
 * checks each alone, and the outcome (a snack bar with Undo) names those refused.
 * Emits `cleared` once a batch has changed at least one claim; a failed request
 * says so here and keeps the selection.
 */
@Component({
  selector: 'cd-selection-bar',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButton, MatMenu, MatMenuItem, MatMenuTrigger],
  template: `
    @if (claims().length > 0) {
      <div
        class="bar"
        role="toolbar"
        aria-label="Bulk actions on the selected claims"
        tabindex="-1"
        (keydown)="moveFocus($event)"
      >
        <span class="count">{{ countWords() }}</span>
        @if (choices().assign; as assignChoice) {
          <button
            mat-button
            type="button"
            [matMenuTriggerFor]="assignMenu"
            [disabled]="blocked() || assignChoice.applies === 0"
          >
            {{ assignChoice.label }}
          </button>
          <mat-menu #assignMenu="matMenu" aria-label="Assign the selected claims to">
            <button mat-menu-item type="button" (click)="assign(null)">Nobody</button>
            @for (person of people(); track person.username) {
              <button mat-menu-item type="button" (click)="assign(person.username)">
                {{ person.displayName }}
              </button>
            }
          </mat-menu>
        }
        @if (choices().due; as dueChoice) {
          <button
            mat-button
            type="button"
            [disabled]="blocked() || dueChoice.applies === 0"
            (click)="chooseDue(dueChoice)"
          >
            {{ dueChoice.label }}
          </button>
        }
        @for (option of choices().actions; track option.action) {
          <button mat-button type="button" [disabled]="blocked()" (click)="take(option)">
            {{ option.label }}
          </button>
        }
        <button mat-button type="button" (click)="cleared.emit()">Clear selection</button>
      </div>
      @if (tooMany()) {
        <p class="note">Select at most {{ maxIds }} claims for one change.</p>
      }
      @if (error(); as error) {
        <p class="error" role="alert">Nothing was changed: {{ error }}</p>
      }
    }
    <span class="status" role="status">{{ statusWords() }}</span>
  `,
  styles: `
    :host {
      display: block;
    }
    .bar {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 4px 8px;
      padding: 4px 8px;
      border-radius: 8px;
      background: var(--mat-sys-secondary-container);
      color: var(--mat-sys-on-secondary-container);
    }
    .count {
      font-weight: 500;
      margin-right: 8px;
    }
    .note,
    .error {
      margin: 4px 8px;
    }
    .error {
      color: var(--mat-sys-error);
    }
    .status:empty {
      display: none;
    }
  `,
})
export class SelectionBar {
  /** The selected claims as the list shows them. */
  readonly claims = input.required<readonly ClaimSummary[]>();
  /** The selection is done with: a batch changed claims, or "Clear selection". */
  readonly cleared = output<void>();

  private readonly store = inject(Store);
  private readonly dialog = inject(MatDialog);
  private readonly actor = this.store.selectSignal(sessionFeature.selectActor);
  private readonly users = this.store.selectSignal(usersFeature.selectAll);
  private readonly busy = this.store.selectSignal(bulkFeature.selectBusy);
  private readonly inFlight = this.store.selectSignal(bulkFeature.selectInFlight);
  private readonly outcome = this.store.selectSignal(bulkFeature.selectLastOutcome);
  private readonly failure = this.store.selectSignal(bulkFeature.selectFailure);

  /** The last request this bar sent. */
  private readonly sent = signal<string | null>(null);
  /** The last request whose outcome this bar has acted on. */
  private handled: string | null = null;

  protected readonly maxIds = BULK_MAX_IDS;
  protected readonly choices = computed(() => bulkChoices(this.claims(), this.actor()));
  protected readonly countWords = computed(() => selectedWords(this.claims().length));
  protected readonly tooMany = computed(() => this.claims().length > BULK_MAX_IDS);
  protected readonly blocked = computed(() => this.busy() || this.tooMany());
  /** Active people by display name, for Assign. */
  protected readonly people = computed(() =>
    this.users()
      .filter((person) => !person.disabled)
      .sort((a, b) => a.displayName.localeCompare(b.displayName)),
  );
  protected readonly error = computed(() => {
    const failure = this.failure();
    return failure !== null && failure.requestId !== null && failure.requestId === this.sent()
      ? failure.error
      : null;
  });
  protected readonly statusWords = computed(() => {
    const inFlight = this.inFlight();
    return inFlight !== null && inFlight.requestId === this.sent()
      ? `Changing ${inFlight.count} ${inFlight.count === 1 ? 'claim' : 'claims'}…`
      : '';
  });

  constructor() {
    effect(() => {
      const outcome = this.outcome();
      untracked(() => {
        const sent = this.sent();
        if (outcome === null || outcome.requestId !== sent || this.handled === sent) {
          return;
        }
        this.handled = sent;
        if (outcome.results.some((result) => result.status === 200)) {
          this.cleared.emit();
        }
      });
    });
  }

  protected assign(assignee: string | null): void {
    this.send({ type: 'assign', assignee });
  }

  protected chooseDue(due: BulkChoice): void {
    this.dialog
      .open<DueDateDialog, DueDateDialogData, DueDateDialogResult>(DueDateDialog, {
        data: { label: due.label },
      })
      .afterClosed()
      .subscribe((result) => {
        if (result) {
          this.send({ type: 'due', dueAt: result.dueAt });
        }
      });
  }

  /** An action that needs a note or a reason asks once, for the whole batch. */
  protected take(option: BulkActionChoice): void {
    if (option.requires === null) {
      this.send({ type: 'transition', action: option.action });
      return;
    }
    this.dialog
      .open<ActionDialog, ActionDialogData, ActionDialogResult>(ActionDialog, {
        data: { action: option.action, requires: option.requires },
      })
      .afterClosed()
      .subscribe((result) => {
        if (result) {
          this.send({ type: 'transition', action: option.action, ...result });
        }
      });
  }

  /** Arrow keys, Home and End move between the bar's buttons, as in any toolbar. */
  protected moveFocus(event: KeyboardEvent): void {
    const keys = ['ArrowLeft', 'ArrowRight', 'Home', 'End'];
    if (!keys.includes(event.key)) {
      return;
    }
    const bar = event.currentTarget as HTMLElement;
    const buttons = [...bar.querySelectorAll<HTMLButtonElement>('button:not([disabled])')];
    if (buttons.length === 0) {
      return;
    }
    const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
    const next =
      event.key === 'Home'
        ? 0
        : event.key === 'End'
          ? buttons.length - 1
          : (at + (event.key === 'ArrowRight' ? 1 : buttons.length - 1)) % buttons.length;
    event.preventDefault();
    buttons[next].focus();
  }

  private send(op: BulkOp): void {
    const claims = this.claims();
    if (this.blocked() || claims.length === 0) {
      return;
    }
    const requestId = nextRequestId();
    this.sent.set(requestId);
    this.store.dispatch(
      BulkBarActions.batchRequested({
        requestId,
        request: { ids: claims.map((claim) => claim.id), op },
        labels: claims.map((claim) => ({ id: claim.id, label: claimLabel(claim) })),
      }),
    );
  }
}
