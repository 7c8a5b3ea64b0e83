import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { HistoryEntry } from '../../../domain/claim';
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
  protected readonly items = computed(() => {
    const names = this.displayNames();
    return this.entries().map((entry) => ({
      entry,
      text: describeEntry(entry, (username) => names.get(username) ?? username),
    }));
  });
}
