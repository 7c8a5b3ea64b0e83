import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatProgressBar } from '@angular/material/progress-bar';
import { Store } from '@ngrx/store';
import { CLAIM_KIND_LABELS } from '../../domain/claim';
import { Suggestion } from '../../domain/suggestion';
import { sessionFeature } from '../session/state/session.feature';
import { NewClaimDialog, NewClaimDialogData } from './new-claim-dialog';
import { ClaimDraft } from './new-claims-api';
import { NewClaimsPageActions } from './state/new-claims.actions';
import { suggestionsFeature } from './state/suggestions.feature';

/**
 * Sentences the server found worth checking that are not claims yet. Nothing
 * becomes a claim until an editor accepts it (and may restate it first).
 */
@Component({
  selector: 'cd-suggestion-list',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButton, MatProgressBar],
  templateUrl: './suggestion-list.html',
  styleUrl: './suggestion-list.scss',
})
export class SuggestionList {
  private readonly store = inject(Store);
  private readonly dialog = inject(MatDialog);
  protected readonly suggestions = this.store.selectSignal(
    suggestionsFeature.selectOpenSuggestions,
  );
  protected readonly loading = this.store.selectSignal(suggestionsFeature.selectLoading);
  protected readonly error = this.store.selectSignal(suggestionsFeature.selectError);
  protected readonly pending = this.store.selectSignal(suggestionsFeature.selectPendingIds);
  /** An archived article's suggestions are read-only, like its claims. */
  readonly archived = input(false);
  private readonly isEditor = this.store.selectSignal(sessionFeature.selectIsEditor);
  protected readonly canDecide = computed(() => this.isEditor() && !this.archived());
  protected readonly kindLabels = CLAIM_KIND_LABELS;

  protected accept(suggestion: Suggestion): void {
    const data: NewClaimDialogData = {
      title: 'Accept suggestion as a claim',
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

  protected reject(suggestion: Suggestion): void {
    this.store.dispatch(NewClaimsPageActions.suggestionRejected({ suggestion }));
  }

  protected percent(score: number): number {
    return Math.round(score * 100);
  }
}
