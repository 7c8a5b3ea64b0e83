import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
  PendingTasks,
} from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIcon } from '@angular/material/icon';
import { Store } from '@ngrx/store';
import { ArticleSummary } from '../../domain/claim';
import { canEditArticle } from '../../domain/workflow';
import { sessionFeature } from '../session/state/session.feature';
import type { ArchiveDialog, ArchiveDialogData } from './archive-dialog';
import type { ArticleEditDialog, ArticleEditDialogData } from './article-edit-dialog';
import { ArticleActionsActions } from './state/articles.actions';

/**
 * Editing an article's details and archiving it, for editors and admins: in
 * the article list's rows and the workspace header. Shows nothing to others.
 */
@Component({
  selector: 'cd-article-actions',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButton, MatIcon],
  template: `
    @if (allowed()) {
      <button
        mat-button
        type="button"
        data-testid="edit-article"
        [attr.aria-label]="'Edit details of “' + article().headline + '”'"
        (click)="edit()"
      >
        <mat-icon aria-hidden="true" svgIcon="edit" />
        Edit details
      </button>
      @if (article().archived) {
        <button
          mat-button
          type="button"
          data-testid="unarchive-article"
          [attr.aria-label]="'Un-archive “' + article().headline + '”'"
          (click)="unarchive()"
        >
          <mat-icon aria-hidden="true" svgIcon="unarchive" />
          Un-archive
        </button>
      } @else {
        <button
          mat-button
          type="button"
          data-testid="archive-article"
          [attr.aria-label]="'Archive “' + article().headline + '”'"
          (click)="archive()"
        >
          <mat-icon aria-hidden="true" svgIcon="archive" />
          Archive
        </button>
      }
    }
  `,
  styles: `
    :host {
      display: inline-flex;
      flex-wrap: wrap;
      gap: 4px;
    }
  `,
})
export class ArticleActions {
  readonly article = input.required<ArticleSummary>();

  private readonly store = inject(Store);
  private readonly dialog = inject(MatDialog);
  private readonly pendingTasks = inject(PendingTasks);
  private readonly actor = this.store.selectSignal(sessionFeature.selectActor);
  protected readonly allowed = computed(() => {
    const actor = this.actor();
    return actor !== null && canEditArticle(actor).allowed;
  });

  // The dialogs (the edit form pulls in Angular's forms and Material's form fields) load when
  // a button asks for them, not with the article list and the workspace: their first render
  // on a slow phone waits for less. Pending tasks until open, so tests and the app settle.
  protected edit(): void {
    const article = this.article();
    void this.pendingTasks.run(async () => {
      const { ArticleEditDialog } = await import('./article-edit-dialog');
      this.dialog.open<ArticleEditDialog, ArticleEditDialogData>(ArticleEditDialog, {
        data: { article },
        autoFocus: 'first-tabbable',
      });
    });
  }

  protected archive(): void {
    const article = this.article();
    void this.pendingTasks.run(async () => {
      const { ArchiveDialog } = await import('./archive-dialog');
      this.dialog
        .open<ArchiveDialog, ArchiveDialogData, boolean>(ArchiveDialog, {
          data: { headline: article.headline },
        })
        .afterClosed()
        .subscribe((confirmed) => {
          if (confirmed) {
            this.store.dispatch(
              ArticleActionsActions.archiveConfirmed({ article, archived: true }),
            );
          }
        });
    });
  }

  /** Bringing an article back loses nothing: no question asked. */
  protected unarchive(): void {
    this.store.dispatch(
      ArticleActionsActions.archiveConfirmed({ article: this.article(), archived: false }),
    );
  }
}
