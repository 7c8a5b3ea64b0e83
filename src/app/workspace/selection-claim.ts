import { inject, Injectable } from '@angular/core';
import { MatDialog } from '@angular/material/dialog';
import { Store } from '@ngrx/store';
import { map, Observable, of } from 'rxjs';
import { NewClaimDialog, NewClaimDialogData } from '../new-claims/new-claim-dialog';
import { ClaimDraft } from '../new-claims/new-claims-api';
import { NewClaimsPageActions } from '../new-claims/state/new-claims.actions';

/** Words selected in an article's text, as offsets into it. */
export interface TextSpan {
  readonly start: number;
  readonly end: number;
}

/** The span without the spaces around it; null when it holds nothing but spaces. */
export function trimmedSpan(text: string, span: TextSpan): TextSpan | null {
  let { start, end } = span;
  while (start < end && /\s/.test(text[start])) {
    start += 1;
  }
  while (end > start && /\s/.test(text[end - 1])) {
    end -= 1;
  }
  return end > start ? { start, end } : null;
}

/** "Add claim from selection": the new-claim dialog on the selected words of an article. */
@Injectable({ providedIn: 'root' })
export class SelectionClaim {
  private readonly dialog = inject(MatDialog);
  private readonly store = inject(Store);

  /** Asks for the claim; emits true once one was added from the words, else false. */
  open(articleId: string, text: string, selected: TextSpan): Observable<boolean> {
    const span = trimmedSpan(text, selected);
    if (!span) {
      return of(false);
    }
    const data: NewClaimDialogData = {
      title: 'Add a claim',
      quote: text.slice(span.start, span.end),
      start: span.start,
      end: span.end,
    };
    return this.dialog
      .open<NewClaimDialog, NewClaimDialogData, ClaimDraft>(NewClaimDialog, {
        data,
        width: '560px',
        maxWidth: '95vw',
      })
      .afterClosed()
      .pipe(
        map((draft) => {
          if (draft) {
            this.store.dispatch(NewClaimsPageActions.selectionClaimed({ articleId, draft }));
          }
          return Boolean(draft);
        }),
      );
  }
}
