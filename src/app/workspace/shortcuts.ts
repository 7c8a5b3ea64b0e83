import { ChangeDetectionStrategy, Component } from '@angular/core';
import { MatButton } from '@angular/material/button';
import {
  MatDialogActions,
  MatDialogClose,
  MatDialogContent,
  MatDialogTitle,
} from '@angular/material/dialog';

/** The `?` dialog: every keyboard shortcut of the workspace. */
@Component({
  selector: 'cd-shortcuts',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButton, MatDialogActions, MatDialogClose, MatDialogContent, MatDialogTitle],
  template: `
    <h2 mat-dialog-title>Keyboard shortcuts</h2>
    <mat-dialog-content>
      <dl>
        <dt><kbd>j</kbd> / <kbd>k</kbd></dt>
        <dd>Next / previous claim</dd>
        <dt><kbd>Enter</kbd></dt>
        <dd>Go to the open claim</dd>
        <dt><kbd>e</kbd></dt>
        <dd>Add evidence</dd>
        <dt><kbd>n</kbd></dt>
        <dd>Add a note</dd>
        <dt><kbd>/</kbd></dt>
        <dd>Search claims</dd>
        <dt><kbd>?</kbd></dt>
        <dd>This list</dd>
      </dl>
    </mat-dialog-content>
    <mat-dialog-actions align="end"
      ><button mat-button mat-dialog-close type="button">Close</button></mat-dialog-actions
    >
  `,
  styles: `
    dl {
      display: grid;
      grid-template-columns: auto 1fr;
      gap: 8px 16px;
    }
    dd {
      margin: 0;
    }
    kbd {
      border: 1px solid var(--mat-sys-outline);
      border-radius: 4px;
      padding: 0 6px;
      font-family: monospace;
    }
  `,
})
export class Shortcuts {}
