import {
  ChangeDetectionStrategy,
  Component,
  computed,
  ElementRef,
  inject,
  input,
  signal,
  viewChild,
} from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatSnackBar } from '@angular/material/snack-bar';
import { Store } from '@ngrx/store';
import { Evidence } from '../../../domain/claim';
import { Decision } from '../../../domain/workflow';
import { EvidenceDraft } from '../claims-api';
import { EvidenceForm, SOURCE_LABELS, STANCE_LABELS } from './evidence-form';
import { CHANGE_KEYS, ClaimDetailPageActions } from '../state/claim-detail.actions';
import { ChangeStatus, claimDetailFeature } from '../state/claim-detail.feature';
import { AwaitedChanges } from '../awaited-changes';

/** A claim's evidence links: edited in place, removed after a yes, added below. */
@Component({
  selector: 'cd-claim-evidence',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [EvidenceForm, MatButton],
  templateUrl: './claim-evidence.html',
  styleUrl: './claim-evidence.scss',
})
export class ClaimEvidence {
  private readonly store = inject(Store);
  private readonly snackBar = inject(MatSnackBar);
  readonly claimId = input.required<string>();
  readonly evidence = input.required<readonly Evidence[]>();
  /** Whether the person may change the evidence now, and why not. */
  readonly decision = input.required<Decision>();

  protected readonly stanceLabels = STANCE_LABELS;
  protected readonly sourceLabels = SOURCE_LABELS;
  private readonly changes = this.store.selectSignal(claimDetailFeature.selectChanges);
  private readonly addForm = viewChild<EvidenceForm>('addForm');
  private readonly lockedNote = viewChild<ElementRef<HTMLElement>>('lockedNote');

  protected readonly lockedReason = computed(() => {
    const decision = this.decision();
    return decision.allowed ? null : decision.refusal.message;
  });
  /** The evidence link being edited in place, if any. */
  protected readonly editingId = signal<string | null>(null);
  /** The evidence link whose removal waits for a yes. */
  protected readonly confirmingRemovalId = signal<string | null>(null);
  /** A form empties or closes only once the server has the change: on a failure, what was typed stays. */
  private readonly awaited = new AwaitedChanges(
    (key) => this.statusOf(key),
    (key, saved) => this.settle(key, saved),
  );

  protected readonly addPending = computed(
    () => this.statusOf(CHANGE_KEYS.newEvidence) === 'pending',
  );
  protected readonly editPending = computed(() => {
    const id = this.editingId();
    return id !== null && this.statusOf(CHANGE_KEYS.evidenceEdit(id)) === 'pending';
  });

  /** For the `e` shortcut: the link field, or, when evidence is locked, why. */
  focusAddForm(): void {
    const form = this.addForm();
    if (form) {
      form.focus();
    } else {
      this.lockedNote()?.nativeElement.focus();
    }
  }

  protected explainLocked(): void {
    const reason = this.lockedReason();
    if (reason) {
      this.snackBar.open(reason, 'Close', { duration: 6000 });
    }
  }

  protected isRemoving(evidenceId: string): boolean {
    return this.statusOf(CHANGE_KEYS.evidenceRemoval(evidenceId)) === 'pending';
  }

  protected add(draft: EvidenceDraft): void {
    this.store.dispatch(ClaimDetailPageActions.evidenceAdded({ claimId: this.claimId(), draft }));
    this.awaited.await(CHANGE_KEYS.newEvidence);
  }

  protected edit(evidenceId: string, draft: EvidenceDraft): void {
    this.store.dispatch(
      ClaimDetailPageActions.evidenceEdited({ claimId: this.claimId(), evidenceId, draft }),
    );
    this.awaited.await(CHANGE_KEYS.evidenceEdit(evidenceId));
  }

  protected startEditing(evidenceId: string): void {
    this.confirmingRemovalId.set(null);
    this.editingId.set(evidenceId);
  }

  protected remove(evidenceId: string): void {
    this.confirmingRemovalId.set(null);
    this.store.dispatch(
      ClaimDetailPageActions.evidenceRemoved({ claimId: this.claimId(), evidenceId }),
    );
  }

  private statusOf(key: string): ChangeStatus | undefined {
    const changes = this.changes();
    return Object.hasOwn(changes, key) ? changes[key] : undefined;
  }

  private settle(key: string, saved: boolean): void {
    const editing = this.editingId();
    if (saved && key === CHANGE_KEYS.newEvidence) {
      this.addForm()?.clear();
    } else if (saved && editing !== null && key === CHANGE_KEYS.evidenceEdit(editing)) {
      this.editingId.set(null);
    }
  }
}
