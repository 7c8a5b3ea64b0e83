import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { NgTemplateOutlet } from '@angular/common';
import type { SearchField, SearchResult } from '../../domain/search';
import type { SnippetPart } from './search-results';

/** A result as the list shows it; `index` is its place in the order the arrows walk. */
export interface SearchEntry {
  readonly index: number;
  readonly result: SearchResult;
  /** The match is in the title itself (a statement, a headline): marked there. */
  readonly inTitle: boolean;
  readonly parts: readonly SnippetPart[];
}

const FIELD_LABELS: Record<SearchField, string> = {
  headline: 'headline',
  text: 'text',
  statement: 'statement',
  quote: 'quote',
  summary: 'summary',
  rationale: 'rationale',
  claimant: 'claimant',
  title: 'title',
  publisher: 'publisher',
};

/**
 * One result in the search box's list: its title, the snippet with the matched words
 * marked, and where it was found. The box (search-box.ts) gives the host its option role,
 * id and active state, and handles the keys and the pointer for every option.
 */
@Component({
  selector: 'cd-search-option',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [NgTemplateOutlet],
  template: `
    @if (entry().inTitle) {
      <span class="title"><ng-container *ngTemplateOutlet="marked" /></span>
    } @else {
      <span class="title">{{ entry().result.title }}</span>
      <span class="snippet"><ng-container *ngTemplateOutlet="marked" /></span>
    }
    <span class="where"
      >{{ entry().result.articleHeadline }} · {{ fieldLabels[entry().result.field] }}</span
    >
    <!-- Parts as elements: template white space between them is dropped, theirs kept. -->
    <ng-template #marked>
      @for (part of entry().parts; track $index) {
        @if (part.marked) {
          <mark>{{ part.text }}</mark>
        } @else {
          <span>{{ part.text }}</span>
        }
      }
    </ng-template>
  `,
  styles: `
    .title {
      font: var(--mat-sys-title-small);
    }
    .snippet {
      font: var(--mat-sys-body-medium);
    }
    mark {
      background: var(--mat-sys-tertiary-container);
      color: var(--mat-sys-on-tertiary-container);
      font-weight: 600;
      border-radius: 2px;
    }
    .where {
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
    }
    :host(.active) .where {
      color: inherit;
    }
  `,
})
export class SearchOption {
  readonly entry = input.required<SearchEntry>();
  protected readonly fieldLabels = FIELD_LABELS;
}
