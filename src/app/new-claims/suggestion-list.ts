import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatButtonToggle, MatButtonToggleGroup } from '@angular/material/button-toggle';
import { MatCheckbox } from '@angular/material/checkbox';
import { MatDialog } from '@angular/material/dialog';
import { MatProgressBar } from '@angular/material/progress-bar';
import { Store } from '@ngrx/store';
import { CLAIM_KIND_LABELS } from '../../domain/claim';
import { CheckedBefore } from '../claim-memory/checked-before';
import { sessionFeature } from '../session/state/session.feature';
import {
  batchInWords,
  ListedSuggestion,
  SENSITIVITIES,
  SENSITIVITY_LABELS,
  SENSITIVITY_MIN_SCORE,
  Sensitivity,
  shortQuote,
  SuggestionOrder,
} from './listed-suggestion';
import { NewClaimDialog, NewClaimDialogData } from './new-claim-dialog';
import { ClaimDraft } from './new-claims-api';
import { NewClaimsPageActions } from './state/new-claims.actions';
import { suggestionsFeature } from './state/suggestions.feature';

/** The claim a sentence becomes when accepted as it stands: its words, kind and claimant. */
export function draftOf(suggestion: ListedSuggestion): ClaimDraft {
  const claimant = suggestion.claimant?.trim();
  return {
    start: suggestion.start,
    end: suggestion.end,
    statement: suggestion.quote.trim(),
    kind: suggestion.suggestedKind,
    ...(claimant ? { claimant, claimantType: suggestion.claimantType } : {}),
  };
}

/**
 * Sentences the server found worth checking that are not claims yet. Nothing
 * becomes a claim until an editor accepts it (and may restate it first), one
 * at a time or several at once. The sensitivity control offers fewer or more
 * sentences than the suggester's own threshold.
 */
@Component({
  selector: 'cd-suggestion-list',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    CheckedBefore,
    MatButton,
    MatButtonToggle,
    MatButtonToggleGroup,
    MatCheckbox,
    MatProgressBar,
  ],
  templateUrl: './suggestion-list.html',
  styleUrl: './suggestion-list.scss',
})
export class SuggestionList {
  private readonly store = inject(Store);
  private readonly dialog = inject(MatDialog);
  private readonly listed = this.store.selectSignal(suggestionsFeature.selectListed);
  protected readonly loading = this.store.selectSignal(suggestionsFeature.selectLoading);
  protected readonly error = this.store.selectSignal(suggestionsFeature.selectError);
  protected readonly pending = this.store.selectSignal(suggestionsFeature.selectPendingIds);
  protected readonly sensitivity = this.store.selectSignal(suggestionsFeature.selectSensitivity);
  protected readonly order = this.store.selectSignal(suggestionsFeature.selectOrder);
  private readonly lastBatch = this.store.selectSignal(suggestionsFeature.selectLastBatch);
  /** An archived article's suggestions are read-only, like its claims. */
  readonly archived = input(false);
  private readonly isEditor = this.store.selectSignal(sessionFeature.selectIsEditor);
  protected readonly canDecide = computed(() => this.isEditor() && !this.archived());
  protected readonly kindLabels = CLAIM_KIND_LABELS;
  protected readonly sensitivities = SENSITIVITIES;
  protected readonly sensitivityLabels = SENSITIVITY_LABELS;

  /** Each sentence with its short quote, for the names of its controls. */
  protected readonly rows = computed(() =>
    this.listed().map((suggestion) => ({
      suggestion,
      name: shortQuote(suggestion.quote),
      percent: Math.round(suggestion.score * 100),
    })),
  );
  /** How many of the listed sentences reach the suggester's threshold. */
  protected readonly suggestedCount = computed(
    () => this.listed().filter((s) => s.suggested).length,
  );
  protected readonly minPercent = computed(() => {
    const minScore = SENSITIVITY_MIN_SCORE[this.sensitivity()];
    return minScore === null ? null : Math.round(minScore * 100);
  });

  private readonly checkedKeys = signal<ReadonlySet<string>>(new Set());
  /** The checked sentences still listed, in the list's order. */
  protected readonly checked = computed(() => {
    const keys = this.checkedKeys();
    return this.listed().filter((s) => keys.has(s.key));
  });
  protected readonly checkedSet = computed(() => new Set(this.checked().map((s) => s.key)));
  /** Only a stored suggestion can be rejected; a sentence under the threshold is simply left. */
  protected readonly rejectable = computed(() => this.checked().filter((s) => s.id !== null));
  protected readonly allChecked = computed(
    () => this.listed().length > 0 && this.checked().length === this.listed().length,
  );
  protected readonly batchWords = computed(() => {
    const batch = this.lastBatch();
    return batch ? batchInWords(batch) : null;
  });

  protected changeSensitivity(sensitivity: Sensitivity): void {
    this.store.dispatch(NewClaimsPageActions.sensitivityChanged({ sensitivity }));
  }

  protected changeOrder(order: SuggestionOrder): void {
    this.store.dispatch(NewClaimsPageActions.orderChanged({ order }));
  }

  protected check(key: string, checked: boolean): void {
    this.checkedKeys.update((keys) => {
      const next = new Set(keys);
      if (checked) {
        next.add(key);
      } else {
        next.delete(key);
      }
      return next;
    });
  }

  protected checkAll(checked: boolean): void {
    this.checkedKeys.set(checked ? new Set(this.listed().map((s) => s.key)) : new Set());
  }

  /** Accepts every checked sentence as it stands, one after another. */
  protected acceptChecked(): void {
    const acceptances = this.checked()
      .filter((s) => !this.pending().has(s.key))
      .map((suggestion) => ({ suggestion, draft: draftOf(suggestion) }));
    if (acceptances.length) {
      this.store.dispatch(NewClaimsPageActions.severalAccepted({ acceptances }));
      this.checkedKeys.set(new Set());
    }
  }

  protected rejectChecked(): void {
    const suggestions = this.rejectable().filter((s) => !this.pending().has(s.key));
    if (suggestions.length) {
      this.store.dispatch(NewClaimsPageActions.severalRejected({ suggestions }));
      this.checkedKeys.set(new Set());
    }
  }

  protected accept(suggestion: ListedSuggestion): void {
    const data: NewClaimDialogData = {
      title: suggestion.id === null ? 'Claim this sentence' : 'Accept suggestion as a claim',
      quote: suggestion.quote,
      start: suggestion.start,
      end: suggestion.end,
      kind: suggestion.suggestedKind,
      reasons: suggestion.reasons,
      articleId: suggestion.articleId,
      // What the suggester read in the sentence; the editor checks it in the dialog.
      claimant: suggestion.claimant,
      claimantType: suggestion.claimantType,
    };
    this.dialog
      .open<NewClaimDialog, NewClaimDialogData, ClaimDraft>(NewClaimDialog, {
        data,
        width: '560px',
        maxWidth: '95vw',
      })
      .afterClosed()
      .subscribe((draft) => {
        if (draft) {
          this.store.dispatch(NewClaimsPageActions.suggestionAccepted({ suggestion, draft }));
        }
      });
  }

  protected reject(suggestion: ListedSuggestion): void {
    this.store.dispatch(NewClaimsPageActions.suggestionRejected({ suggestion }));
  }
}
