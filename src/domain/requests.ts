/**
 * What the dashboard sends the API: the request shapes of claim edits, workflow
 * actions and evidence, and the limits of their fields. One home, so that the
 * server's schemas and the dashboard's forms cannot drift apart.
 */
import { ClaimantType, ClaimKind, SourceType, Stance } from './claim';
import { Verdict } from './verdicts';
import { Action, DismissReason } from './workflow';

/** Field limits, in characters (claimant and summary limits live beside the claim in claim.ts). */
export const FIELD_LIMITS = {
  statement: 1000,
  rationale: 10000,
  note: 10000,
  headline: 300,
  outlet: 200,
  url: 2048,
  evidenceTitle: 500,
  publisher: 200,
  evidenceQuote: 5000,
} as const;

/** A username: 2–64 lower-case letters, digits, dots, hyphens and underscores, starting with a letter or digit. */
export const USERNAME_RULE = {
  pattern: '^[a-z0-9][a-z0-9._-]*$',
  minLength: 2,
  maxLength: 64,
} as const;

export function isUsername(value: string): boolean {
  return (
    value.length >= USERNAME_RULE.minLength &&
    value.length <= USERNAME_RULE.maxLength &&
    new RegExp(USERNAME_RULE.pattern).test(value)
  );
}

export const PASSWORD_RULE = { minLength: 10, maxLength: 1024 } as const;

/** `PATCH /api/claims/:id`, with `If-Match: <version>`: only the fields that changed. */
export interface ClaimPatch {
  statement?: string;
  kind?: ClaimKind;
  verdict?: Verdict | null;
  rationale?: string | null;
  assignee?: string | null;
  /** ISO 8601 date-time; stored in UTC so that due dates sort and compare as text. */
  dueAt?: string | null;
  claimant?: string | null;
  claimantType?: ClaimantType;
  /** YYYY-MM-DD. */
  claimDate?: string | null;
  summary?: string | null;
}

/** `POST /api/claims/:id/transitions`: `reason` goes only with dismiss, `assignee` only with start. */
export interface TransitionRequest {
  readonly action: Action;
  readonly note?: string;
  readonly reason?: DismissReason;
  /** For `start`: who will research the claim (defaults to the person starting it). */
  readonly assignee?: string;
}

/** `POST /api/claims/:id/evidence` (and, partly, `PATCH` of one link). */
export interface EvidenceRequest {
  url: string;
  title: string;
  /** Defaults to the link's host. */
  publisher?: string | null;
  stance: Stance;
  sourceType: SourceType;
  quote?: string | null;
  archivedUrl?: string | null;
  /** YYYY-MM-DD. */
  accessedAt?: string | null;
}
