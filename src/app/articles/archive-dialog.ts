import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButton } from '@angular/material/button';
import {
  MAT_DIALOG_DATA,
  MatDialogActions,
  MatDialogClose,
  MatDialogContent,
  MatDialogTitle,
} from '@angular/material/dialog';

export interface ArchiveDialogData {
  readonly headline: string;
}

/** Asks before an article leaves the lists. Closes with true to archive. */
@Component({
  selector: 'cd-archive-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButton, MatDialogActions, MatDialogClose, MatDialogContent, MatDialogTitle],
  template: `
    <h2 mat-dialog-title>Archive “{{ data.headline }}”?</h2>
    <mat-dialog-content>
      <p>
        It leaves the article list, My work and the claims list, and its claims become read-only.
      </p>
      <p>
        Nothing is deleted: under “Show archived” on the Articles page it can be un-archived, and
        everything comes back as it was.
      </p>
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" [mat-dialog-close]="false">Cancel</button>
      <button mat-flat-button type="button" [mat-dialog-close]="true" data-testid="confirm-archive">
        Archive
      </button>
    </mat-dialog-actions>
  `,
  styles: `
    mat-dialog-content {
      max-width: 480px;
    }
  `,
})
export class ArchiveDialog {
  protected readonly data = inject<ArchiveDialogData>(MAT_DIALOG_DATA);
}
