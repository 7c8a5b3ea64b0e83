/**
 * What the suggestion list shows: a stored suggestion, or (with the
 * sensitivity raised) a scored sentence the server has not stored, which is
 * accepted by claiming its words.
 */
import type { ScoredSentence, Suggestion } from '../../domain/suggestion';

export interface ListedSuggestion extends ScoredSentence {
  /** The id when stored, otherwise the span: unique within an article. */
  readonly key: string;
  readonly articleId: string;
}

/** How many sentences the list offers; `default` is the suggester's own threshold. */
export const SENSITIVITIES = ['fewer', 'default', 'more', 'everything'] as const;
export type Sensitivity = (typeof SENSITIVITIES)[number];

export const SENSITIVITY_LABELS: Readonly<Record<Sensitivity, string>> = {
  fewer: 'Fewer',
  default: 'Default',
  more: 'More',
  everything: 'Everything',
};

/** The `minScore` asked of the server; null asks for the stored suggestions, as ever. */
export const SENSITIVITY_MIN_SCORE: Readonly<Record<Sensitivity, number | null>> = {
  fewer: 0.75,
  default: null,
  more: 0.3,
  everything: 0,
};

/** How long the sensitivity control rests before the list reloads. */
export const SENSITIVITY_DEBOUNCE_MS = 300;

export type SuggestionOrder = 'score' | 'text';

export function listed(articleId: string, sentence: Suggestion | ScoredSentence): ListedSuggestion {
  return {
    id: sentence.id,
    start: sentence.start,
    end: sentence.end,
    quote: sentence.quote,
    score: sentence.score,
    suggested: 'suggested' in sentence ? sentence.suggested : true,
    reasons: sentence.reasons,
    suggestedKind: sentence.suggestedKind,
    claimant: sentence.claimant,
    claimantType: sentence.claimantType,
    status: sentence.status,
    key: sentence.id ?? `${sentence.start}-${sentence.end}`,
    articleId,
  };
}

/** A sentence as a button's name gives it: quoted, cut short. */
export function shortQuote(quote: string, max = 60): string {
  const text = quote.replace(/\s+/g, ' ').trim();
  return `“${text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text}”`;
}

/** What accepting or rejecting several came to, in words. */
export function batchInWords(outcome: {
  readonly decision: 'accepted' | 'rejected';
  readonly done: number;
  readonly errors: readonly string[];
}): string {
  const count = (n: number) => `${n} ${n === 1 ? 'suggestion' : 'suggestions'}`;
  const done =
    outcome.decision === 'accepted'
      ? `${count(outcome.done)} accepted as ${outcome.done === 1 ? 'a claim' : 'claims'}.`
      : `${count(outcome.done)} rejected.`;
  if (outcome.errors.length === 0) {
    return done;
  }
  const reasons = [...new Set(outcome.errors)].join(' ');
  return `${done} ${count(outcome.errors.length)} could not be ${outcome.decision}: ${reasons}`;
}
