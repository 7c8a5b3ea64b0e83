/**
 * Splits an article into lines and each line into runs of text covered by the
 * same set of claims, so that overlapping claims can each be highlighted and
 * selected. Pure: the article view renders what this returns.
 */
import { Verdict, VERDICT_DEFINITIONS } from '../../../domain/verdicts';
import { Stage, STAGE_LABELS } from '../../../domain/workflow';

export interface AnchoredClaim {
  readonly id: string;
  readonly start: number;
  readonly end: number;
}

export interface TextRun {
  readonly start: number;
  readonly end: number;
  readonly text: string;
  /** Claims covering this run, shortest (innermost) first. */
  readonly claimIds: readonly string[];
  /** Set when a suggestion (not yet a claim) covers the run. */
  readonly suggested?: true;
}

export interface ArticleLine {
  readonly index: number;
  readonly heading: boolean;
  readonly runs: readonly TextRun[];
}

export function segmentArticle(
  text: string,
  claims: readonly AnchoredClaim[],
  headingLines: ReadonlySet<number>,
  /** Suggestions to mark apart from the claims. */
  suggestions: readonly Pick<AnchoredClaim, 'start' | 'end'>[] = [],
): ArticleLine[] {
  const bySpan = [...claims].sort((a, b) => a.end - a.start - (b.end - b.start));
  const lines: ArticleLine[] = [];
  let lineStart = 0;
  text.split('\n').forEach((lineText, index) => {
    const lineEnd = lineStart + lineText.length;
    const cuts = new Set<number>([lineStart, lineEnd]);
    for (const claim of [...claims, ...suggestions]) {
      if (claim.end > lineStart && claim.start < lineEnd) {
        cuts.add(Math.max(claim.start, lineStart));
        cuts.add(Math.min(claim.end, lineEnd));
      }
    }
    const points = [...cuts].sort((a, b) => a - b);
    const runs: TextRun[] = [];
    for (let i = 0; i < points.length - 1; i += 1) {
      const start = points[i];
      const end = points[i + 1];
      const claimIds = bySpan.filter((c) => c.start <= start && c.end >= end).map((c) => c.id);
      const suggested = suggestions.some((s) => s.start <= start && s.end >= end);
      runs.push({
        start,
        end,
        text: text.slice(start, end),
        claimIds,
        ...(suggested ? { suggested: true as const } : {}),
      });
    }
    lines.push({ index, heading: headingLines.has(index), runs });
    lineStart = lineEnd + 1;
  });
  return lines;
}

/** What a highlight says about its claim, in words: status is never colour alone. */
export interface MarkDetail {
  /** Stage and verdict, e.g. "In review, verdict False". */
  readonly status: string;
  readonly statement: string;
}

export interface MarkableClaim extends AnchoredClaim {
  readonly stage: Stage;
  readonly verdict: Verdict | null;
  readonly statement: string;
}

export function statusInWords(claim: Pick<MarkableClaim, 'stage' | 'verdict'>): string {
  return `${STAGE_LABELS[claim.stage]}, ${
    claim.verdict ? `verdict ${VERDICT_DEFINITIONS[claim.verdict].label}` : 'no verdict yet'
  }`;
}

export function markDetails(claims: readonly MarkableClaim[]): ReadonlyMap<string, MarkDetail> {
  return new Map(
    claims.map((claim) => [claim.id, { status: statusInWords(claim), statement: claim.statement }]),
  );
}

/** The highlight class of each claim: its stage, or its verdict when colouring by verdict. */
export function markClasses(
  claims: readonly MarkableClaim[],
  colourBy: 'stage' | 'verdict',
): ReadonlyMap<string, string> {
  return new Map(
    claims.map((c) => [
      c.id,
      colourBy === 'verdict'
        ? `verdict-${c.verdict ? VERDICT_DEFINITIONS[c.verdict].colorToken : 'none'}`
        : `stage-${c.stage}`,
    ]),
  );
}

/** The accessible name of a highlight: its words, and each claim on them with its status. */
export function markLabel(run: TextRun, details: ReadonlyMap<string, MarkDetail>): string {
  const statuses = run.claimIds.map((id) => details.get(id)?.status ?? 'status unknown');
  return run.claimIds.length === 1
    ? `Claim, ${statuses[0]}: ${run.text}`
    : `${run.claimIds.length} claims on these words, ${statuses.join('; ')}: ${run.text}`;
}
