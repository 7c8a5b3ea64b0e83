/**
 * Claim suggestions: spans of an article the server's suggester found
 * check-worthy. One becomes a claim only when an editor accepts it. Shared by
 * the dashboard and the server.
 */
import type { ClaimantType, ClaimKind, ClaimSummary } from './claim';

export const SUGGESTION_STATUSES = ['open', 'accepted', 'rejected'] as const;
export type SuggestionStatus = (typeof SUGGESTION_STATUSES)[number];

export interface Suggestion {
  readonly id: string;
  readonly articleId: string;
  /** UTF-16 offsets: `article.text.slice(start, end) === quote`. */
  readonly start: number;
  readonly end: number;
  readonly quote: string;
  /** Check-worthiness from 0 to 1. */
  readonly score: number;
  /** Why it was suggested, e.g. "names a person: Kim Jong Un", "contains a figure: 24 years". */
  readonly reasons: readonly string[];
  readonly suggestedKind: ClaimKind;
  /**
   * Who the sentence says made the claim ("Council leader Marion Adebayo said …"
   * → "Marion Adebayo"), or null when it names nobody: a guess for the editor to
   * confirm when accepting.
   */
  readonly claimant: string | null;
  readonly claimantType: ClaimantType;
  readonly status: SuggestionStatus;
  /** The claim it became, once accepted. */
  readonly claimId: string | null;
  readonly decidedBy: string | null;
  readonly decidedAt: string | null;
  readonly createdAt: string;
}

/**
 * Body of `POST /api/articles/:id/suggestions/:suggestionId/accept`: every field
 * optional. Offsets default to the suggestion's, the statement to the quote at
 * the final offsets, the kind to the suggested kind.
 */
export interface AcceptSuggestion {
  readonly statement?: string;
  readonly kind?: ClaimKind;
  readonly start?: number;
  readonly end?: number;
  /** Who made the claim, as the editor confirmed it (the suggestion's guess, or their own). */
  readonly claimant?: string | null;
  readonly claimantType?: ClaimantType;
}

/** `GET /api/articles/:id/attribution?start=&end=`: who the sentence around a span says made it. */
export interface AttributionGuess {
  readonly claimant: string | null;
  readonly claimantType: ClaimantType;
}

/** Response of the accept route. */
export interface AcceptedSuggestion {
  readonly suggestion: Suggestion;
  readonly claim: ClaimSummary;
}

/**
 * One item of `GET /api/articles/:id/suggestions?minScore=`: a scored
 * sentence (or, where the suggester narrows a suggested sentence, a clause) of
 * the article text, in text order. `suggested` when the score is at or over
 * the suggester's threshold; `id` and `status` are the stored suggestion's at
 * the same span, null when there is none.
 */
export interface ScoredSentence {
  readonly id: string | null;
  /** UTF-16 offsets: `article.text.slice(start, end) === quote`. */
  readonly start: number;
  readonly end: number;
  readonly quote: string;
  /** The check-worthiness model's probability, 0..1. */
  readonly score: number;
  readonly suggested: boolean;
  /** The features that counted, in words; those lowering the score say "(lowers the score)". */
  readonly reasons: readonly string[];
  readonly suggestedKind: ClaimKind;
  readonly claimant: string | null;
  readonly claimantType: ClaimantType;
  readonly status: SuggestionStatus | null;
}
