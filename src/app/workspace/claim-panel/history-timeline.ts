import { DatePipe, formatDate } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
  LOCALE_ID,
} from '@angular/core';
import { HistoryEntry } from '../../../domain/claim';
import { fieldWords, historyChanges, valueWords } from '../../../domain/history-changes';
import { describeEntry } from '../../../domain/history-wording';

@Component({
  selector: 'cd-history-timeline',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DatePipe],
  template: `
    <ol class="timeline">
      @for (item of items(); track item.entry.id) {
        <li [class.correction]="item.entry.correction">
          <span class="what">{{ item.text }}</span>
          @if (item.entry.correction) {
            <strong class="tag">Correction</strong>
          }
          <time [attr.datetime]="item.entry.at">{{ item.entry.at | date: 'd MMM, HH:mm' }}</time>
          @if (item.changes.length > 0) {
            <ul class="changes">
              @for (change of item.changes; track change.field) {
                <li>
                  <span class="field">{{ change.field }}:</span> {{ change.from }} →
                  {{ change.to }}
                </li>
              }
            </ul>
          }
          @if (item.entry.note) {
            <p class="note">{{ item.entry.note }}</p>
          }
        </li>
      }
    </ol>
  `,
  styles: `
    .timeline {
      list-style: none;
      padding: 0;
      margin: 0;
      border-left: 2px solid var(--mat-sys-outline-variant);
    }
    li {
      padding: 4px 0 8px 12px;
    }
    time {
      margin-left: 8px;
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-small);
    }
    .tag {
      margin-left: 8px;
      color: var(--mat-sys-error);
    }
    .changes {
      list-style: none;
      margin: 2px 0 0;
      padding: 0;
      font: var(--mat-sys-body-small);
      overflow-wrap: anywhere;
    }
    .changes li {
      padding: 0;
    }
    .field {
      color: var(--mat-sys-on-surface-variant);
    }
    .note {
      margin: 4px 0 0;
      white-space: pre-wrap;
      font-style: italic;
    }
  `,
})
export class HistoryTimeline {
  readonly entries = input.required<readonly HistoryEntry[]>();
  /** Username → display name, for the people known; others show as their username. */
  readonly displayNames = input<ReadonlyMap<string, string>>(new Map());
  private readonly locale = inject(LOCALE_ID);
  protected readonly items = computed(() => {
    const names = this.displayNames();
    const nameOf = (username: string) => names.get(username) ?? username;
    const wording = {
      nameOf,
      timeOf: (iso: string) => formatDate(iso, 'd MMM y, HH:mm', this.locale),
    };
    return this.entries().map((entry) => ({
      entry,
      text: describeEntry(entry, nameOf),
      // "verdict: Mostly true → False"; derived here too for an entry a server sent without them.
      changes: (entry.changes ?? historyChanges(entry)).map((change) => ({
        field: fieldWords(change.field),
        from: valueWords(change.field, change.from, wording),
        to: valueWords(change.field, change.to, wording),
      })),
    }));
  });
}
