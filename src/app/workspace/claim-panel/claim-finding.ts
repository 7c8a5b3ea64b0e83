import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  DestroyRef,
  inject,
  input,
  signal,
  untracked,
} from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormBuilder, ReactiveFormsModule } from '@angular/forms';
import { MatButton, MatIconButton } from '@angular/material/button';
import { MatError, MatFormField, MatHint, MatLabel, MatSuffix } from '@angular/material/form-field';
import { MatIcon } from '@angular/material/icon';
import { MatInput } from '@angular/material/input';
import { MatOption, MatSelect } from '@angular/material/select';
import { Store } from '@ngrx/store';
import { map } from 'rxjs';
import {
  CLAIM_KIND_LABELS,
  CLAIM_KINDS,
  CLAIMANT_TYPES,
  ClaimSummary,
} from '../../../domain/claim';
import { VERDICT_DEFINITIONS, VERDICTS } from '../../../domain/verdicts';
import { Decision } from '../../../domain/workflow';
import { SessionUser } from '../../session/session-api';
import { ClaimConflictView } from './claim-conflict';
import { ShowErrorsWhileTyping } from '../evidence/evidence-form';
import {
  changedFields,
  CLAIMANT_TYPE_LABELS,
  FINDING_FIELDS,
  FindingBase,
  FindingField,
  findingOf,
  followUntouched,
  lockedReasons,
  fromFormValue,
  rebase,
  toFormValue,
} from './finding-draft';
import { ClaimDetailPageActions } from '../state/claim-detail.actions';
import { claimDetailFeature } from '../state/claim-detail.feature';
import { assigneeOptions } from './assignee-options';
import { FINDING_LIMITS, FINDING_TIME_ZONE, findingForm } from './finding-form';

/**
 * The finding: statement, summary, claimant and claim date, kind, verdict,
 * rationale, assignee and due time. Saving sends
 * only what the person changed, on the version they started from; changes by
 * others show up in the fields they did not touch.
 */
@Component({
  selector: 'cd-claim-finding',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    ClaimConflictView,
    MatButton,
    MatError,
    MatFormField,
    MatHint,
    MatIcon,
    MatIconButton,
    MatInput,
    MatLabel,
    MatOption,
    MatSelect,
    MatSuffix,
  ],
  templateUrl: './claim-finding.html',
  styleUrl: './claim-finding.scss',
})
export class ClaimFinding {
  private readonly store = inject(Store);
  readonly claim = input.required<ClaimSummary>();
  /** Which fields this person may change now, and why not. */
  readonly decisions = input.required<Readonly<Record<FindingField, Decision>>>();
  /** Everyone with an account, for the assignee. */
  readonly people = input<readonly SessionUser[]>([]);
  readonly displayNames = input<ReadonlyMap<string, string>>(new Map());

  protected readonly kindLabels = CLAIM_KIND_LABELS;
  protected readonly kinds = CLAIM_KINDS;
  protected readonly verdicts = VERDICTS;
  protected readonly verdictDefinitions = VERDICT_DEFINITIONS;
  protected readonly claimantTypes = CLAIMANT_TYPES;
  protected readonly claimantTypeLabels = CLAIMANT_TYPE_LABELS;
  protected readonly limits = FINDING_LIMITS;
  protected readonly timeZone = FINDING_TIME_ZONE;
  protected readonly showErrorsWhileTyping = new ShowErrorsWhileTyping();
  protected readonly conflict = this.store.selectSignal(claimDetailFeature.selectConflict);

  protected readonly form = findingForm(inject(FormBuilder));
  private readonly editable = computed(
    () =>
      Object.fromEntries(
        FINDING_FIELDS.map((field) => [field, this.decisions()[field].allowed]),
      ) as Record<FindingField, boolean>,
  );
  private readonly locks = computed(() => lockedReasons(this.decisions()));
  /** One reason that locks every field alike (an archived article): said once, above them. */
  protected readonly lockedReason = computed(() => this.locks().all);
  /** Why each locked field is locked, in words, beside the field. */
  protected readonly lockedReasons = computed(() => this.locks().byField);
  /**
   * What the edit started from. Saving sends its version, so that the server
   * refuses an edit made on a claim someone else has since changed.
   */
  private readonly base = signal<(FindingBase & { claimId: string }) | null>(null);
  /**
   * The newest version of the claim seen so far. A claim arriving at a version
   * already seen carries no news from the server: it is this person's own
   * optimistic update (their typed values, not yet saved) or its rollback, and
   * must neither count as saved nor reset what they typed.
   */
  private newestSeen = 0;
  private readonly typed = toSignal(
    this.form.valueChanges.pipe(map(() => fromFormValue(this.form.getRawValue()))),
    { initialValue: fromFormValue(this.form.getRawValue()) },
  );
  /** The fields the person changed, as they typed them. */
  protected readonly changes = computed(() => {
    const base = this.base();
    const editable = this.editable();
    return base ? changedFields(base.finding, this.typed(), (field) => editable[field]) : {};
  });
  protected readonly hasChanges = computed(() => Object.keys(this.changes()).length > 0);
  /** A long statement reads badly as a published claim: the form asks for a summary. */
  protected readonly summaryAdvised = computed(() => {
    const typed = this.typed();
    return typed.statement.length > FINDING_LIMITS.summaryAdvisedAbove && typed.summary === null;
  });
  /** Characters typed, for the counters under the claimant and the summary. */
  protected readonly lengths = computed(() => {
    const typed = this.typed();
    return { claimant: typed.claimant?.length ?? 0, summary: typed.summary?.length ?? 0 };
  });
  /** The claim shows exactly what was typed, on the same version: that save is with the server. */
  protected readonly saving = computed(() => {
    const claim = this.claim();
    const shown = findingOf(claim);
    const changes = Object.entries(this.changes()) as [FindingField, unknown][];
    return (
      changes.length > 0 &&
      claim.version === this.base()?.version &&
      changes.every(([field, value]) => shown[field] === value)
    );
  });

  /** The newest version of theirs: the conflict's, or a later one that arrived live. */
  protected readonly theirs = computed(() => {
    const conflict = this.conflict();
    const claim = this.claim();
    if (!conflict || conflict.theirs.id !== claim.id) {
      return null;
    }
    return claim.version > conflict.theirs.version ? claim : conflict.theirs;
  });
  protected readonly conflictBase = computed(
    () => this.conflict()?.base ?? this.base()?.finding ?? findingOf(this.claim()),
  );

  protected readonly assignees = computed(() =>
    assigneeOptions(this.people(), this.claim().assignee, this.displayNames()),
  );

  constructor() {
    effect(() => {
      const claim = this.claim();
      untracked(() => this.follow(claim));
    });
    // The store knows what is typed and unsaved, so a save by someone else is reported at once.
    effect(() => {
      const base = this.base();
      const mine = this.changes();
      if (base) {
        const { claimId, version, finding } = base;
        untracked(() =>
          this.store.dispatch(
            ClaimDetailPageActions.draftChanged({ claimId, base: { version, finding }, mine }),
          ),
        );
      }
    });
    inject(DestroyRef).onDestroy(() => {
      const base = this.base();
      if (base && this.hasChanges()) {
        const { claimId, version, finding } = base;
        this.store.dispatch(
          ClaimDetailPageActions.draftChanged({ claimId, base: { version, finding }, mine: {} }),
        );
      }
    });
    effect(() => {
      const editable = this.editable();
      for (const field of FINDING_FIELDS) {
        const control = this.form.controls[field];
        if (editable[field]) {
          control.enable({ emitEvent: false });
        } else {
          control.disable({ emitEvent: false });
        }
      }
    });
  }

  /** Empties a date field; the native inputs have no clear button of their own everywhere. */
  protected clear(field: 'claimDate' | 'dueAt'): void {
    const control = this.form.controls[field];
    control.setValue('');
    control.markAsDirty();
  }

  protected save(): void {
    const base = this.base();
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    if (base && this.hasChanges() && !this.saving() && !this.conflict()) {
      const { version, finding } = base;
      this.store.dispatch(
        ClaimDetailPageActions.fieldsSaved({
          previous: this.claim(),
          patch: this.changes(),
          base: { version, finding },
        }),
      );
    }
  }

  protected keepMine(): void {
    const theirs = this.theirs();
    if (!theirs) {
      return;
    }
    // The form keeps what was typed until the server has it: a failure loses nothing.
    const mine = this.changes();
    if (Object.keys(mine).length > 0) {
      this.store.dispatch(ClaimDetailPageActions.conflictKeptMine({ mine, theirs }));
    } else {
      this.store.dispatch(ClaimDetailPageActions.conflictTookTheirs());
    }
  }

  protected takeTheirs(): void {
    const theirs = this.theirs();
    if (theirs) {
      this.startFrom(theirs);
    }
    this.store.dispatch(ClaimDetailPageActions.conflictTookTheirs());
  }

  /** A newer claim arrived: untouched fields take its values, typed ones stay as typed. */
  private follow(claim: ClaimSummary): void {
    const base = this.base();
    if (!base || base.claimId !== claim.id) {
      this.startFrom(claim);
      return;
    }
    if (claim.version <= this.newestSeen) {
      return;
    }
    this.newestSeen = claim.version;
    const typed = fromFormValue(this.form.getRawValue());
    const next = rebase(base, typed, claim);
    const shown = followUntouched(base.finding, typed, claim);
    this.base.set({ ...next, claimId: claim.id });
    if (Object.keys(changedFields(next.finding, shown)).length === 0) {
      this.form.reset(toFormValue(next.finding));
      return;
    }
    const values = toFormValue(shown);
    const followed = FINDING_FIELDS.filter((field) => typed[field] !== shown[field]);
    this.form.patchValue(Object.fromEntries(followed.map((field) => [field, values[field]])));
  }

  private startFrom(claim: ClaimSummary): void {
    this.newestSeen = claim.version;
    this.base.set({ claimId: claim.id, version: claim.version, finding: findingOf(claim) });
    this.form.reset(toFormValue(claim));
  }
}
