import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  computed,
  ElementRef,
  inject,
  input,
  output,
} from '@angular/core';
import { MatButton } from '@angular/material/button';
import { ClaimSummary } from '../../../domain/claim';
import { ClaimPatch } from '../claims-api';
import { describeValue, Finding, FINDING_FIELDS, FINDING_LABELS, findingOf } from './finding-draft';

/**
 * Both versions of a claim someone else saved while this person edited it:
 * every field where they differ, in words, and the choice of which to keep.
 */
@Component({
  selector: 'cd-claim-conflict',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButton],
  host: {
    class: 'conflict',
    role: 'alertdialog',
    'aria-labelledby': 'conflict-title',
    'aria-describedby': 'conflict-text',
  },
  template: `
    <h3 id="conflict-title">Someone else changed this claim</h3>
    <p id="conflict-text">
      {{ theirName() }} saved a newer version while you were editing. Nothing you typed is lost:
      choose which version to keep. “Keep mine” puts the fields you changed on top of theirs.
    </p>
    <table>
      <thead>
        <tr>
          <th scope="col">Field</th>
          <th scope="col">Yours</th>
          <th scope="col">Theirs</th>
        </tr>
      </thead>
      <tbody>
        @for (row of rows(); track row.field) {
          <tr>
            <th scope="row">{{ row.label }}</th>
            <td>
              {{ row.mine }}
              @if (!row.changedByMe) {
                <span class="hint">(you did not change this: theirs is kept either way)</span>
              }
            </td>
            <td>{{ row.theirs }}</td>
          </tr>
        } @empty {
          <tr>
            <td colspan="3">The two versions now say the same.</td>
          </tr>
        }
      </tbody>
    </table>
    <button mat-flat-button type="button" (click)="keptMine.emit()">Keep mine</button>
    <button mat-button type="button" (click)="tookTheirs.emit()">Take theirs</button>
  `,
  styles: `
    :host {
      display: block;
      border: 2px solid var(--mat-sys-error);
      border-radius: 12px;
      padding: 8px 16px 16px;
      margin-top: 16px;
    }
    h3 {
      font: var(--mat-sys-title-medium);
      margin: 8px 0;
    }
    table {
      width: 100%;
      border-collapse: collapse;
      margin-bottom: 12px;
    }
    th,
    td {
      text-align: left;
      vertical-align: top;
      padding: 4px 8px 4px 0;
      white-space: pre-wrap;
    }
    .hint {
      display: block;
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class ClaimConflictView {
  /** What the edit started from. */
  readonly base = input.required<Finding>();
  /** The fields this person changed, as typed. */
  readonly mine = input.required<ClaimPatch>();
  readonly theirs = input.required<ClaimSummary>();
  readonly displayNames = input<ReadonlyMap<string, string>>(new Map());
  readonly keptMine = output<void>();
  readonly tookTheirs = output<void>();

  constructor() {
    // It may arrive while the person types further down the form: bring it into view.
    const host = inject<ElementRef<HTMLElement>>(ElementRef).nativeElement;
    afterNextRender(() => host.scrollIntoView?.({ block: 'nearest', behavior: 'smooth' }));
  }

  private readonly nameOf = computed(() => {
    const names = this.displayNames();
    return (username: string) => names.get(username) ?? username;
  });
  protected readonly theirName = computed(() => {
    const by = this.theirs().updatedBy;
    return by ? this.nameOf()(by) : 'Someone';
  });
  /** Every field where the two versions differ, including ones only they changed. */
  protected readonly rows = computed(() => {
    const mine = this.mine();
    const yours: Finding = { ...this.base(), ...mine };
    const theirs = findingOf(this.theirs());
    const nameOf = this.nameOf();
    return FINDING_FIELDS.filter((field) => yours[field] !== theirs[field]).map((field) => ({
      field,
      label: FINDING_LABELS[field],
      mine: describeValue(field, yours, nameOf),
      theirs: describeValue(field, theirs, nameOf),
      changedByMe: Object.hasOwn(mine, field),
    }));
  });
}
