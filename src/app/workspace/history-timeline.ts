import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { HistoryEntry } from '../../domain/claim';
import { VERDICT_DEFINITIONS, isVerdict } from '../../domain/verdicts';
import { ACTION_PAST_TENSE, isAction } from '../../domain/workflow';
import { listFields } from './finding-draft';

const OTHER_ACTIONS: Readonly<Record<string, string>> = {
  import: 'imported',
  create: 'created',
  update: 'edited',
  evidence_add: 'added evidence to',
  evidence_update: 'edited evidence of',
  evidence_remove: 'removed evidence from',
  note_add: 'added a note to',
  note_delete: 'deleted a note on',
};

/** The account the importer records when a claims file, not a person, brought the claim in. */
const IMPORTER = 'import';

/**
 * One line a person reads: "Dana approved the claim as False", "Casey changed
 * the verdict and rationale". `nameOf` gives a username's display name.
 */
export function describeEntry(
  entry: HistoryEntry,
  nameOf: (username: string) => string = (username) => username,
): string {
  if (entry.action === 'import' && entry.actor === IMPORTER) {
    return 'Imported from a claims file';
  }
  const who = nameOf(entry.actor);
  const fields = entry.action === 'update' && entry.after ? Object.keys(entry.after) : [];
  if (fields.length > 0) {
    return `${who} changed the ${listFields(fields)}`;
  }
  const verb = isAction(entry.action)
    ? ACTION_PAST_TENSE[entry.action]
    : Object.hasOwn(OTHER_ACTIONS, entry.action)
      ? OTHER_ACTIONS[entry.action]
      : entry.action.replace(/_/g, ' ');
  const verdict = entry.after?.['verdict'];
  const asVerdict =
    (entry.action === 'approve' || entry.action === 'submit') && isVerdict(verdict)
      ? ` as ${VERDICT_DEFINITIONS[verdict].label}`
      : '';
  return `${who} ${verb} the claim${asVerdict}`;
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
