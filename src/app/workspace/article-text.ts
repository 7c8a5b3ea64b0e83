import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { ArticleLine } from './article-segments';

/**
 * The article with every claim highlighted. Its own OnPush component so that a
 * keystroke in the claims search does not re-check thousands of highlights.
 */
@Component({
  selector: 'cd-article-text',
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './article-text.html',
  styleUrl: './article-text.scss',
})
export class ArticleText {
  readonly lines = input.required<readonly ArticleLine[]>();
  /** Highlight class per claim id (stage or verdict colour). */
  readonly markClass = input.required<ReadonlyMap<string, string>>();
  readonly selectedId = input<string | null>(null);
  readonly selected = output<string>();
}
