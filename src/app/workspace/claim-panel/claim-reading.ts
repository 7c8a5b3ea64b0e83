import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { CLAIM_KIND_LABELS, ClaimSummary } from '../../../domain/claim';
import { VERDICT_DEFINITIONS } from '../../../domain/verdicts';
import { CLAIMANT_TYPE_LABELS, dateWords, dueWords } from './finding-draft';

/**
 * The finding as text, for a person who cannot change it (an editor reviewing
 * it, anyone once it is approved): what a reviewer reads before deciding, in
 * full, instead of greyed-out form fields.
 */
@Component({
  selector: 'cd-claim-reading',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @let c = claim();
    <dl class="reading" data-testid="finding-reading">
      <div class="wide">
        <dt>Statement</dt>
        <dd class="text" data-testid="finding-statement">{{ c.statement }}</dd>
      </div>
      @if (c.summary) {
        <div class="wide">
          <dt>Summary</dt>
          <dd class="text">{{ c.summary }}</dd>
        </div>
      }
      <div class="wide">
        <dt>Verdict</dt>
        <dd data-testid="finding-verdict">
          @if (verdict(); as v) {
            <span
              class="verdict"
              [style.--verdict-color]="'var(--cd-verdict-' + v.colorToken + ')'"
            >
              {{ v.label }}</span
            >
            <span class="definition">{{ v.description }}</span>
          } @else {
            <span class="muted">No verdict yet</span>
          }
        </dd>
      </div>
      <div class="wide">
        <dt>Rationale</dt>
        @if (c.rationale) {
          <dd class="text" data-testid="finding-rationale">{{ c.rationale }}</dd>
        } @else {
          <dd class="muted" data-testid="finding-rationale">No rationale yet</dd>
        }
      </div>
      <div>
        <dt>Claimant</dt>
        <dd>
          @if (c.claimant) {
            {{ c.claimant }} ({{ claimantTypeLabels[c.claimantType].toLowerCase() }})
          } @else {
            <span class="muted">Not said</span>
          }
        </dd>
      </div>
      <div>
        <dt>Claim made</dt>
        <dd>
          @if (c.claimDate) {
            {{ claimDate() }}
          } @else {
            <span class="muted">Not said</span>
          }
        </dd>
      </div>
      <div>
        <dt>Kind</dt>
        <dd>{{ kindLabels[c.kind] }}</dd>
      </div>
      <div>
        <dt>Due</dt>
        <dd>
          @if (c.dueAt) {
            {{ due() }}
          } @else {
            <span class="muted">No due date</span>
          }
        </dd>
      </div>
    </dl>
  `,
  styles: `
    .reading {
      display: grid;
      grid-template-columns: 1fr 1fr;
      gap: 12px 16px;
      margin: 8px 0 0;
    }
    .wide {
      grid-column: 1 / -1;
    }
    dt {
      font: var(--mat-sys-label-medium);
      color: var(--mat-sys-on-surface-variant);
    }
    dd {
      margin: 2px 0 0;
      font: var(--mat-sys-body-large);
    }
    .text {
      white-space: pre-wrap;
      overflow-wrap: anywhere;
    }
    .verdict {
      display: inline-block;
      border: 1px solid var(--verdict-color, var(--mat-sys-outline));
      border-radius: 8px;
      padding: 0 8px;
      margin-right: 8px;
      font: var(--mat-sys-label-large);
    }
    .definition,
    .muted {
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class ClaimReading {
  readonly claim = input.required<ClaimSummary>();

  protected readonly kindLabels = CLAIM_KIND_LABELS;
  protected readonly claimantTypeLabels = CLAIMANT_TYPE_LABELS;
  protected readonly verdict = computed(() => {
    const verdict = this.claim().verdict;
    return verdict ? VERDICT_DEFINITIONS[verdict] : null;
  });
  protected readonly claimDate = computed(() => dateWords(this.claim().claimDate ?? ''));
  protected readonly due = computed(() => dueWords(this.claim().dueAt ?? ''));
}
