import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { HistoryEntry } from '../../domain/claim';
import { VERDICT_DEFINITIONS, isVerdict } from '../../domain/verdicts';
import { ACTION_PAST_TENSE, isAction } from '../../domain/workflow';

const OTHER_ACTIONS: Record<string, string> = {
  import: 'imported',
  create: 'created',
  update: 'edited',
  evidence_add: 'added evidence to',
  evidence_update: 'edited evidence of',
  evidence_remove: 'removed evidence from',
  note_add: 'added a note to',
  note_delete: 'deleted a note on',
};

/** One line a person reads: "dana approved the claim as False". */
export function describeEntry(entry: HistoryEntry): string {
  const verb = isAction(entry.action)
    ? ACTION_PAST_TENSE[entry.action]
    : (OTHER_ACTIONS[entry.action] ?? entry.action);
  const verdict = entry.after?.['verdict'];
  const asVerdict =
    (entry.action === 'approve' || entry.action === 'submit') && isVerdict(verdict)
      ? ` as ${VERDICT_DEFINITIONS[verdict].label}`
      : '';
  const fields =
    entry.action === 'update' && entry.after ? ` (${Object.keys(entry.after).join(', ')})` : '';
  return `${entry.actor} ${verb} the claim${asVerdict}${fields}`;
}

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
  protected readonly items = computed(() =>
    this.entries().map((entry) => ({ entry, text: describeEntry(entry) })),
  );
}
