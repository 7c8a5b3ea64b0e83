import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  linkedSignal,
  output,
  viewChild,
} from '@angular/core';
import { DatePipe } from '@angular/common';
import { MatButton, MatIconButton } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIcon } from '@angular/material/icon';
import { MatProgressBar } from '@angular/material/progress-bar';
import { Store } from '@ngrx/store';
import { CLAIM_KIND_LABELS } from '../../../domain/claim';
import { VERDICT_DEFINITIONS } from '../../../domain/verdicts';
import { dueState, timeInStageWords } from '../../../domain/deadline';
import { listFields } from '../../../domain/history-wording';
import {
  ACTION_RULES,
  ActionOption,
  actionOptions,
  ARCHIVED_REFUSAL,
  canEditField,
  Decision,
  EditableField,
  STAGE_LABELS,
} from '../../../domain/workflow';
import { sessionFeature } from '../../session/state/session.feature';
import { usersFeature } from '../../users/state/users.feature';
import { ActionDialog, ActionDialogData, ActionDialogResult } from '../action-dialog';
import { CheckedBefore } from '../../claim-memory/checked-before';
import { ClaimEvidence } from '../evidence/claim-evidence';
import { ClaimFinding } from './claim-finding';
import { ClaimReading } from './claim-reading';
import { dueWords, FINDING_FIELDS, FindingField, lockedReasons } from './finding-draft';
import { minuteClock } from '../minute-clock';
import { ClaimNotes } from '../notes/claim-notes';
import { HistoryTimeline } from './history-timeline';
import { ClaimDetailPageActions } from '../state/claim-detail.actions';
import { claimDetailFeature } from '../state/claim-detail.feature';
import { claimsFeature } from '../state/claims.feature';

const NOT_SIGNED_IN: Decision = {
  allowed: false,
  refusal: { code: 'field_role', message: 'Sign in to change the claim.' },
};
const ARCHIVED: Decision = { allowed: false, refusal: ARCHIVED_REFUSAL };

/** The claim being worked on: its finding, the workflow, evidence, notes and history. */
@Component({
  selector: 'cd-claim-panel',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    CheckedBefore,
    ClaimEvidence,
    ClaimFinding,
    ClaimNotes,
    ClaimReading,
    DatePipe,
    HistoryTimeline,
    MatButton,
    MatIcon,
    MatIconButton,
    MatProgressBar,
  ],
  templateUrl: './claim-panel.html',
  styleUrl: './claim-panel.scss',
})
export class ClaimPanel {
  private readonly store = inject(Store);
  private readonly dialog = inject(MatDialog);
  readonly claimId = input.required<string>();
  readonly closed = output<void>();

  protected readonly detail = this.store.selectSignal(claimDetailFeature.selectDetail);
  protected readonly history = this.store.selectSignal(claimDetailFeature.selectHistory);
  protected readonly loading = this.store.selectSignal(claimDetailFeature.selectLoading);
  protected readonly error = this.store.selectSignal(claimDetailFeature.selectError);
  protected readonly missing = this.store.selectSignal(claimDetailFeature.selectMissing);
  protected readonly article = this.store.selectSignal(claimsFeature.selectArticle);
  protected readonly actor = this.store.selectSignal(sessionFeature.selectActor);
  private readonly entities = this.store.selectSignal(claimsFeature.selectEntities);
  /** An archived article's claims are read-only: every control says so. */
  protected readonly archived = computed(() => this.article()?.archived === true);
  /** For "Overdue by 2 days" and "In review for 3 d": ticks once a minute. */
  private readonly now = minuteClock();

  /** The loaded evidence, notes and history, once they are this claim's. */
  protected readonly loadedDetail = computed(() => {
    const detail = this.detail();
    return detail?.id === this.claimId() ? detail : null;
  });
  /** The summary in the table (updated optimistically and live), else the claim as loaded. */
  protected readonly claim = computed(
    () => this.entities()[this.claimId()] ?? this.loadedDetail() ?? null,
  );

  protected readonly stageLabels = STAGE_LABELS;
  protected readonly kindLabels = CLAIM_KIND_LABELS;
  protected readonly verdictDefinitions = VERDICT_DEFINITIONS;

  private readonly evidencePart = viewChild(ClaimEvidence);
  private readonly notesPart = viewChild(ClaimNotes);

  /** Everyone with an account, kept current live: for the assignee, and to show display names. */
  protected readonly people = this.store.selectSignal(usersFeature.selectAll);
  protected readonly displayNames = this.store.selectSignal(usersFeature.selectDisplayNames);

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
    const options = claim && actor ? actionOptions(claim, actor) : [];
    return this.archived() ? options.map((option) => ({ ...option, decision: ARCHIVED })) : options;
  });

  /** The due time and time in stage, in words, for everyone. */
  protected readonly timing = computed(() => {
    const claim = this.claim();
    if (!claim) {
      return null;
    }
    const now = this.now();
    const due = dueState(claim, now);
    return {
      dueAt: claim.dueAt ? dueWords(claim.dueAt) : null,
      dueWords: due.words,
      overdue: due.overdue,
      inStage: timeInStageWords(claim, now),
    };
  });

  private decide(field: EditableField): Decision {
    const claim = this.claim();
    const actor = this.actor();
    if (this.archived()) {
      return ARCHIVED;
    }
    return claim && actor ? canEditField(claim, actor, field) : NOT_SIGNED_IN;
  }
  protected readonly decisions = computed(
    () =>
      Object.fromEntries(FINDING_FIELDS.map((field) => [field, this.decide(field)])) as Record<
        FindingField,
        Decision
      >,
  );
  /**
   * A person who cannot change the finding itself (an editor reviewing it, anyone
   * once it is approved) reads it as text; the fields they still may change
   * (an editor's statement, kind, assignee or due date) open on request.
   */
  protected readonly reading = computed(() => {
    const decisions = this.decisions();
    return !decisions.verdict.allowed && !decisions.rationale.allowed;
  });
  /** One reason that locks the whole finding (an archived article), said above the text. */
  protected readonly lockedReason = computed(() => lockedReasons(this.decisions()).all);
  /** "Change the statement, kind, assignee or due date": what a reader may still change. */
  protected readonly changeLabel = computed(() => {
    const decisions = this.decisions();
    const fields = FINDING_FIELDS.filter((field) => decisions[field].allowed);
    return fields.length > 0 ? `Change the ${listFields(fields)}` : null;
  });
  /** Whether a reader opened the fields they may change; closed again for another claim. */
  protected readonly editing = linkedSignal({ source: this.claimId, computation: () => false });

  /**
   * While changes are requested, the request itself: who asked, when, and the
   * note they wrote (blank when that note was deleted since), shown first.
   */
  protected readonly changeRequest = computed(() => {
    const claim = this.claim();
    if (claim?.stage !== 'changes_requested' || !this.loadedDetail()) {
      return null;
    }
    const entry = this.history()
      .filter((e) => e.action === 'request_changes')
      .at(-1);
    if (!entry) {
      return null;
    }
    return {
      who: this.displayNames().get(entry.actor) ?? entry.actor,
      at: entry.at,
      note: entry.note?.trim() ?? '',
    };
  });
  protected readonly evidenceDecision = computed(() => this.decide('evidence'));
  /** Notes follow no field rule, but an archived article takes none. */
  protected readonly notesLocked = computed(() =>
    this.archived() ? ARCHIVED_REFUSAL.message : null,
  );

  constructor() {
    effect(() => this.store.dispatch(ClaimDetailPageActions.opened({ claimId: this.claimId() })));
  }

  /** The `e` shortcut: the new evidence link, or, when evidence is locked, why. */
  focusEvidence(): void {
    this.evidencePart()?.focusAddForm();
  }

  /** The `n` shortcut. */
  focusNote(): void {
    this.notesPart()?.focusNoteBox();
  }

  protected retry(): void {
    this.store.dispatch(ClaimDetailPageActions.opened({ claimId: this.claimId() }));
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
              previous: this.claim() ?? claim,
              request: { action: option.action, ...result },
            }),
          );
        }
      });
  }
}
