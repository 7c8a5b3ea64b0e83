import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { ColourBy, legendEntries } from './article-segments';

/**
 * What the highlights' colours and underlines mean, for the colouring shown.
 * Each colour has its name beside it: the colour is never the only sign.
 */
@Component({
  selector: 'cd-article-legend',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <p class="row">
      <span class="title" id="legend-colours">Colours by {{ colourBy() }}:</span>
      <span role="list" aria-labelledby="legend-colours" class="entries">
        @for (entry of entries(); track entry.className) {
          <span role="listitem" class="entry" [attr.data-colour]="entry.className"
            ><span class="swatch" [class]="entry.className" aria-hidden="true"></span
            >{{ entry.label }}</span
          >
        }
      </span>
    </p>
    <p class="row marks">
      <span class="entry"
        ><span class="sample multi" aria-hidden="true">abc</span>double underline: several claims on
        the same words</span
      >
      <span class="entry"
        ><span class="sample suggested" aria-hidden="true">abc</span>dotted underline: a
        suggestion</span
      >
    </p>
  `,
  styles: `
    :host {
      display: block;
      margin-bottom: 8px;
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
    }
    .row {
      display: flex;
      flex-wrap: wrap;
      align-items: baseline;
      gap: 6px 12px;
      margin: 0 0 6px;
    }
    .title {
      font-weight: 500;
      color: var(--mat-sys-on-surface);
    }
    .entries {
      display: flex;
      flex-wrap: wrap;
      gap: 2px 12px;
    }
    .entry {
      display: inline-flex;
      align-items: baseline;
      gap: 4px;
      white-space: nowrap;
    }
    .marks .entry {
      white-space: normal;
    }
    // A highlight in small: the tint the text takes, over the full colour's rule.
    .swatch {
      display: inline-block;
      width: 14px;
      height: 10px;
      align-self: center;
      background: color-mix(in srgb, var(--stage-color, #888) 40%, transparent);
      border-bottom: 3px solid var(--stage-color, #888);
    }
    .sample {
      color: var(--mat-sys-on-surface);
      &.multi {
        border-bottom: 4px double var(--mat-sys-on-surface-variant);
      }
      &.suggested {
        text-decoration: underline dotted 2px var(--mat-sys-tertiary, #7d5260);
        text-underline-offset: 4px;
      }
    }
  `,
})
export class ArticleLegend {
  readonly colourBy = input.required<ColourBy>();
  protected readonly entries = computed(() => legendEntries(this.colourBy()));
}
