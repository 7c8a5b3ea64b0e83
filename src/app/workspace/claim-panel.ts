import { DatePipe, KeyValuePipe } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  output,
  signal,
} from '@angular/core';
import { FormBuilder, ReactiveFormsModule } from '@angular/forms';
import { MatButton, MatIconButton } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormField, MatLabel } from '@angular/material/form-field';
import { MatIcon } from '@angular/material/icon';
import { MatInput } from '@angular/material/input';
import { MatOption, MatSelect } from '@angular/material/select';
import { toSignal } from '@angular/core/rxjs-interop';
import { Store } from '@ngrx/store';
import { catchError, map, of } from 'rxjs';
import { UsersApi } from '../users/users-api';
import { CLAIM_KIND_LABELS, CLAIM_KINDS, ClaimKind } from '../../domain/claim';
import { VERDICT_DEFINITIONS, VERDICTS, Verdict } from '../../domain/verdicts';
import {
  ACTION_RULES,
  ActionOption,
  actionOptions,
  canEditField,
  EditableField,
  ROLE_LABELS,
  STAGE_LABELS,
} from '../../domain/workflow';
import { sessionFeature } from '../session/state/session.feature';
import { ActionDialog, ActionDialogData, ActionDialogResult } from './action-dialog';
import { ClaimPatch, EvidenceDraft } from './claims-api';
import { EvidenceForm } from './evidence-form';
import { HistoryTimeline } from './history-timeline';
import { ClaimDetailPageActions } from './state/claim-detail.actions';
import { claimDetailFeature } from './state/claim-detail.feature';
import { claimsFeature } from './state/claims.feature';

/** The claim being worked on: its finding, the workflow, evidence, notes and history. */
@Component({
  selector: 'cd-claim-panel',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    DatePipe,
    KeyValuePipe,
    ReactiveFormsModule,
    EvidenceForm,
    HistoryTimeline,
    MatButton,
    MatFormField,
    MatIcon,
    MatIconButton,
    MatInput,
    MatLabel,
    MatOption,
    MatSelect,
  ],
  templateUrl: './claim-panel.html',
  styleUrl: './claim-panel.scss',
})
export class ClaimPanel {
  private readonly store = inject(Store);
  private readonly dialog = inject(MatDialog);
  readonly claimId = input.required<string>();
  readonly closed = output<void>();

  /** The summary in the table: updated optimistically and live. */
  protected readonly claim = computed(
    () => this.store.selectSignal(claimsFeature.selectEntities)()[this.claimId()] ?? null,
  );
  protected readonly detail = this.store.selectSignal(claimDetailFeature.selectDetail);
  protected readonly history = this.store.selectSignal(claimDetailFeature.selectHistory);
  protected readonly conflict = this.store.selectSignal(claimDetailFeature.selectConflict);
  protected readonly article = this.store.selectSignal(claimsFeature.selectArticle);
  private readonly actor = this.store.selectSignal(sessionFeature.selectActor);

  protected readonly stageLabels = STAGE_LABELS;
  protected readonly roleLabels = ROLE_LABELS;
  protected readonly kindLabels = CLAIM_KIND_LABELS;
  protected readonly kinds = CLAIM_KINDS;
  protected readonly verdicts = VERDICTS;
  protected readonly verdictDefinitions = VERDICT_DEFINITIONS;

  protected readonly context = computed(() => {
    const claim = this.claim();
    const text = this.article()?.text ?? '';
    if (!claim) {
      return null;
    }
    const before = text.slice(Math.max(0, claim.start - 120), claim.start);
    const after = text.slice(claim.end, claim.end + 120);
    return {
      before: before.replace(/^\S*\s/, '…'),
      quote: claim.quote,
      after: after.replace(/\s\S*$/, '…'),
    };
  });

  protected readonly options = computed<ActionOption[]>(() => {
    const claim = this.claim();
    const actor = this.actor();
    return claim && actor ? actionOptions(claim, actor) : [];
  });

  protected readonly editable = computed(() => {
    const claim = this.claim();
    const actor = this.actor();
    const can = (field: EditableField) =>
      claim !== null && actor !== null && canEditField(claim, actor, field).allowed;
    return {
      statement: can('statement'),
      kind: can('kind'),
      verdict: can('verdict'),
      rationale: can('rationale'),
      assignee: can('assignee'),
      evidence: can('evidence'),
    };
  });

  protected readonly form = inject(FormBuilder).nonNullable.group({
    statement: [''],
    kind: ['figure' as ClaimKind],
    verdict: [null as Verdict | null],
    rationale: [''],
    assignee: [null as string | null],
  });
  /** Active people a claim can be assigned to. */
  protected readonly people = toSignal(
    inject(UsersApi)
      .list()
      .pipe(
        map((users) => users.filter((u) => !u.disabled).map((u) => u.username)),
        catchError(() => of([] as string[])),
      ),
    { initialValue: [] as string[] },
  );
  /** The active people, plus the current assignee even if since disabled, so the select never shows blank. */
  protected readonly assignees = computed(() => {
    const people = this.people();
    const current = this.claim()?.assignee;
    return current && !people.includes(current) ? [current, ...people] : people;
  });
  protected readonly noteText = inject(FormBuilder).nonNullable.control('');
  /**
   * The version the person's edit started from. Live updates may bring a newer
   * claim while they type; saving against the old version lets the server
   * detect that and show both versions, instead of overwriting silently.
   */
  private baseVersion: number | null = null;

  constructor() {
    effect(() => this.store.dispatch(ClaimDetailPageActions.opened({ claimId: this.claimId() })));
    // The form follows the server's claim, except while the person is typing in it.
    effect(() => {
      const claim = this.claim();
      if (claim && !this.form.dirty) {
        this.baseVersion = claim.version;
        this.form.setValue(
          {
            statement: claim.statement,
            kind: claim.kind,
            verdict: claim.verdict,
            rationale: claim.rationale ?? '',
            assignee: claim.assignee,
          },
          { emitEvent: false },
        );
      }
      const editable = this.editable();
      for (const field of ['statement', 'kind', 'verdict', 'rationale', 'assignee'] as const) {
        const control = this.form.controls[field];
        if (editable[field]) {
          control.enable({ emitEvent: false });
        } else {
          control.disable({ emitEvent: false });
        }
      }
    });
  }

  protected save(): void {
    const claim = this.claim();
    if (!claim) {
      return;
    }
    const value = this.form.getRawValue();
    const previous = { ...claim, version: this.baseVersion ?? claim.version };
    const patch: ClaimPatch = {};
    if (this.editable().statement && value.statement.trim() !== claim.statement)
      patch.statement = value.statement.trim();
    if (this.editable().kind && value.kind !== claim.kind) patch.kind = value.kind;
    if (this.editable().verdict && value.verdict !== claim.verdict) patch.verdict = value.verdict;
    if (this.editable().rationale && (value.rationale.trim() || null) !== claim.rationale) {
      patch.rationale = value.rationale.trim() || null;
    }
    if (this.editable().assignee && value.assignee !== claim.assignee)
      patch.assignee = value.assignee;
    this.form.markAsPristine();
    if (Object.keys(patch).length > 0) {
      this.store.dispatch(ClaimDetailPageActions.fieldsSaved({ previous, patch }));
    }
  }

  protected take(option: ActionOption): void {
    const claim = this.claim();
    if (!claim || !option.decision.allowed) {
      return;
    }
    const requires = ACTION_RULES[option.action].requires;
    if (!requires) {
      this.store.dispatch(
        ClaimDetailPageActions.actionTaken({ previous: claim, request: { action: option.action } }),
      );
      return;
    }
    this.dialog
      .open<ActionDialog, ActionDialogData, ActionDialogResult>(ActionDialog, {
        data: { action: option.action, requires },
      })
      .afterClosed()
      .subscribe((result) => {
        if (result) {
          this.store.dispatch(
            ClaimDetailPageActions.actionTaken({
              previous: claim,
              request: { action: option.action, ...result },
            }),
          );
        }
      });
  }

  protected addEvidence(draft: EvidenceDraft): void {
    this.store.dispatch(ClaimDetailPageActions.evidenceAdded({ claimId: this.claimId(), draft }));
  }

  /** The evidence link being edited in place, if any. */
  protected readonly editingEvidenceId = signal<string | null>(null);

  protected editEvidence(evidenceId: string, draft: EvidenceDraft): void {
    this.store.dispatch(
      ClaimDetailPageActions.evidenceEdited({ claimId: this.claimId(), evidenceId, draft }),
    );
    this.editingEvidenceId.set(null);
  }

  protected removeEvidence(evidenceId: string): void {
    this.store.dispatch(
      ClaimDetailPageActions.evidenceRemoved({ claimId: this.claimId(), evidenceId }),
    );
  }

  protected addNote(): void {
    const text = this.noteText.value.trim();
    if (text) {
      this.store.dispatch(ClaimDetailPageActions.noteAdded({ claimId: this.claimId(), text }));
      this.noteText.reset();
    }
  }

  protected deleteNote(noteId: string): void {
    this.store.dispatch(ClaimDetailPageActions.noteDeleted({ claimId: this.claimId(), noteId }));
  }

  protected keepMine(): void {
    const conflict = this.conflict();
    if (!conflict) {
      return;
    }
    this.form.markAsPristine();
    this.store.dispatch(ClaimDetailPageActions.conflictKeptMine(conflict));
  }

  protected takeTheirs(): void {
    const theirs = this.conflict()?.theirs;
    if (theirs) {
      this.form.reset({
        statement: theirs.statement,
        kind: theirs.kind,
        verdict: theirs.verdict,
        rationale: theirs.rationale ?? '',
        assignee: theirs.assignee,
      });
    }
    this.store.dispatch(ClaimDetailPageActions.conflictTookTheirs());
  }
}
