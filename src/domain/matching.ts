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
 * The score from which a match is worth showing as "Checked before?". Tuned on the dev
 * split of the claim-matching data (`npm run bench:matching`, BENCHMARKS.md): the best F1
 * of "the repeated claim is shown first" against texts whose repeat was left out. The
 * dashboard only reads it.
 */
export const CHECKED_BEFORE_MIN_SCORE = 0.25;
