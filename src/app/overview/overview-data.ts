/** What the overview shows, derived from the claims: counts, and who each waiting claim waits for. */
import { ClaimSummary } from '../../domain/claim';
import { VERDICT_DEFINITIONS, VERDICTS, Verdict } from '../../domain/verdicts';
import { STAGE_LABELS, STAGES, Stage } from '../../domain/workflow';

export interface Bar {
  readonly key: string;
  readonly label: string;
  readonly count: number;
  /** Share of the largest bar, 0 to 100, for the bar's width. */
  readonly share: number;
  readonly colour: string;
}

export interface WaitingClaim {
  readonly claim: ClaimSummary;
  /** Who has to act next, in words. */
  readonly waitingFor: string;
}

function bars(entries: { key: string; label: string; count: number; colour: string }[]): Bar[] {
  const max = Math.max(1, ...entries.map((e) => e.count));
  return entries.map((e) => ({ ...e, share: Math.round((e.count / max) * 100) }));
}

export function stageBars(claims: readonly ClaimSummary[]): Bar[] {
  const counts = new Map<Stage, number>();
  claims.forEach((c) => counts.set(c.stage, (counts.get(c.stage) ?? 0) + 1));
  return bars(
    STAGES.map((stage) => ({
      key: stage,
      label: STAGE_LABELS[stage],
      count: counts.get(stage) ?? 0,
      colour: `var(--cd-stage-${stage.replace('_', '-')})`,
    })),
  );
}

export function verdictBars(claims: readonly ClaimSummary[]): Bar[] {
  const counts = new Map<Verdict | 'none', number>();
  claims.forEach((c) =>
    counts.set(c.verdict ?? 'none', (counts.get(c.verdict ?? 'none') ?? 0) + 1),
  );
  return bars([
    ...VERDICTS.map((verdict) => ({
      key: verdict,
      label: VERDICT_DEFINITIONS[verdict].label,
      count: counts.get(verdict) ?? 0,
      colour: `var(--cd-verdict-${VERDICT_DEFINITIONS[verdict].colorToken})`,
    })),
    {
      key: 'none',
      label: 'No verdict yet',
      count: counts.get('none') ?? 0,
      colour: 'var(--mat-sys-outline)',
    },
  ]);
}

/** Claims waiting on someone: reviews for an editor, requested changes for their checker. */
export function waitingClaims(
  claims: readonly ClaimSummary[],
  nameOf: (username: string) => string = (username) => username,
): WaitingClaim[] {
  return claims
    .filter((c) => c.stage === 'in_review' || c.stage === 'changes_requested')
    .map((claim) => ({
      claim,
      waitingFor:
        claim.stage === 'in_review'
          ? `an editor other than ${claim.submittedBy ? nameOf(claim.submittedBy) : 'the submitter'}`
          : claim.assignee
            ? nameOf(claim.assignee)
            : 'whoever picks it up',
    }))
    .sort((a, b) => a.claim.updatedAt.localeCompare(b.claim.updatedAt));
}
