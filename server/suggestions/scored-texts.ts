/**
 * The last texts scored, by article, for `GET /api/articles/:id/suggestions?minScore=`:
 * a sensitivity control asks again and again for the same text, which is scored
 * again only when it changed (same text, same answer).
 */
import type { Heading } from '../../src/domain/claim';
import { scoreTextIn, type ScoredSpan } from './suggester';

/** Texts scored lately, kept for the sensitivity control's repeated asks. */
const SCORED_KEPT = 16;

export class ScoredTexts {
  private readonly kept = new Map<string, { key: string; spans: Promise<ScoredSpan[]> }>();

  /** The article's text scored, from the kept copy when the text, headings and language are the same. */
  spansOf(
    articleId: string,
    text: string,
    headings: readonly Heading[],
    language: string,
  ): Promise<ScoredSpan[]> {
    const key = `${language}\n${JSON.stringify(headings.map((h) => h.start))}\n${text}`;
    const kept = this.kept.get(articleId);
    if (kept && kept.key === key) {
      return kept.spans;
    }
    const spans = scoreTextIn(text, headings, language);
    spans.catch(() => this.kept.delete(articleId));
    this.kept.delete(articleId);
    this.kept.set(articleId, { key, spans });
    if (this.kept.size > SCORED_KEPT) {
      this.kept.delete(this.kept.keys().next().value as string);
    }
    return spans;
  }
}
