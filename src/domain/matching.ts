/**
 * Claim memory (issue 11): "checked before?" matching shapes, shared by the server's
 * matcher and the dashboard.
 */
import type { Verdict } from './verdicts';
import type { Stage } from './workflow';

export const MATCH_LIMIT_DEFAULT = 10;
export const MATCH_LIMIT_MAX = 50;

/** `POST /api/match` */
export interface MatchRequest {
  readonly text: string;
  readonly limit?: number;
}

export interface ClaimMatch {
  readonly claimId: string;
  readonly articleId: string;
  readonly articleHeadline: string;
  readonly quote: string;
  readonly statement: string;
  readonly summary: string | null;
  readonly stage: Stage;
  readonly verdict: Verdict | null;
  /** 0-1: how likely the text repeats this claim. Comparable across queries. */
  readonly score: number;
}

/** `POST /api/match` and `GET /api/claims/:id/similar` */
export interface MatchResponse {
  readonly items: readonly ClaimMatch[];
}

/**
 * The score from which a match is worth showing as "Checked before?". The matcher's
 * change tunes it on the dev split; the dashboard only reads it.
 */
export const CHECKED_BEFORE_MIN_SCORE = 0.5;
