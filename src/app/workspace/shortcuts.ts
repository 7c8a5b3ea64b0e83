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
        <dd>Go to the open claim; on a highlight or row, open its claim</dd>
        <dt><kbd>Esc</kbd></dt>
        <dd>Close the open claim</dd>
        <dt><kbd>←</kbd> <kbd>→</kbd> / <kbd>Home</kbd> <kbd>End</kbd></dt>
        <dd>In the article text: next / previous, first / last highlight</dd>
        <dt><kbd>e</kbd></dt>
        <dd>Add evidence</dd>
        <dt><kbd>n</kbd></dt>
        <dd>Add a note</dd>
        <dt><kbd>/</kbd></dt>
        <dd>Search claims</dd>
        <dt><kbd>Ctrl</kbd> <kbd>K</kbd></dt>
        <dd>Search every article (from any page)</dd>
        <dt><kbd>?</kbd></dt>
        <dd>This list</dd>
      </dl>
      <p class="hint">
        Words under several claims are underlined twice: clicking them, or <kbd>Enter</kbd>, lists
        the claims to choose from.
      </p>
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
    .hint {
      color: var(--mat-sys-on-surface-variant);
      max-width: 40ch;
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
