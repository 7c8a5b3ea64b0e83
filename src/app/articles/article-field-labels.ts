import type { FieldLabels } from '../../domain/problem-wording';

/**
 * What the article forms (adding one, editing its details) call each field, so that a
 * refusal from the server names the field as the form does ("Address of the article must
 * be …"), not as the API does (`/body/url`).
 */
export const ARTICLE_FIELD_LABELS = {
  headline: 'Headline',
  outlet: 'Outlet',
  publishedAt: 'Published on',
  url: 'Address of the article',
  text: 'Article text',
} as const satisfies FieldLabels;
