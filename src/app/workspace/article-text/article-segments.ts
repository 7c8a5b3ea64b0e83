/**
 * Splits an article into lines and each line into runs of text covered by the
 * same set of claims, so that overlapping claims can each be highlighted and
 * selected. Pure: the article view renders what this returns.
 */
import { Verdict, VERDICT_DEFINITIONS, VERDICTS } from '../../../domain/verdicts';
import { Stage, STAGE_LABELS, STAGES } from '../../../domain/workflow';

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
  /** The line's offsets in the article and its words: what a block far from view shows. */
  readonly start: number;
  readonly end: number;
  readonly text: string;
  readonly runs: readonly TextRun[];
}

/**
 * One pass over the lines with the claims sorted by start: each line looks only
 * at the claims open on it, so 10,000 claims cost about as much as their runs,
 * not lines × claims.
 */
export function segmentArticle(
  text: string,
  claims: readonly AnchoredClaim[],
  headingLines: ReadonlySet<number>,
  /** Suggestions to mark apart from the claims. */
  suggestions: readonly Pick<AnchoredClaim, 'start' | 'end'>[] = [],
): ArticleLine[] {
  // Innermost first; a stable sort, so claims of equal length keep the order given.
  const innermost = new Map(
    [...claims]
      .sort((a, b) => a.end - a.start - (b.end - b.start))
      .map((claim, rank) => [claim, rank]),
  );
  const claimsOn = openSpans(claims);
  const suggestionsOn = openSpans(suggestions);
  const lines: ArticleLine[] = [];
  let lineStart = 0;
  text.split('\n').forEach((lineText, index) => {
    const lineEnd = lineStart + lineText.length;
    const here = claimsOn(lineStart, lineEnd).sort(
      (a, b) => (innermost.get(a) ?? 0) - (innermost.get(b) ?? 0),
    );
    const suggested = suggestionsOn(lineStart, lineEnd);
    const cuts = new Set<number>([lineStart, lineEnd]);
    for (const span of [...here, ...suggested]) {
      cuts.add(Math.max(span.start, lineStart));
      cuts.add(Math.min(span.end, lineEnd));
    }
    const points = [...cuts].sort((a, b) => a - b);
    const runs: TextRun[] = [];
    for (let i = 0; i < points.length - 1; i += 1) {
      const start = points[i];
      const end = points[i + 1];
      const claimIds = here.filter((c) => c.start <= start && c.end >= end).map((c) => c.id);
      const isSuggested = suggested.some((s) => s.start <= start && s.end >= end);
      runs.push({
        start,
        end,
        text: text.slice(start, end),
        claimIds,
        ...(isSuggested ? { suggested: true as const } : {}),
      });
    }
    lines.push({
      index,
      heading: headingLines.has(index),
      start: lineStart,
      end: lineEnd,
      text: lineText,
      runs,
    });
    lineStart = lineEnd + 1;
  });
  return lines;
}

/**
 * For lines asked for in order: the spans that overlap each line (start before
 * its end, end after its start), found by walking the spans sorted by start.
 */
function openSpans<T extends Pick<AnchoredClaim, 'start' | 'end'>>(
  spans: readonly T[],
): (lineStart: number, lineEnd: number) => T[] {
  const byStart = [...spans].sort((a, b) => a.start - b.start);
  let next = 0;
  let open: T[] = [];
  return (lineStart, lineEnd) => {
    while (next < byStart.length && byStart[next].start < lineEnd) {
      open.push(byStart[next]);
      next += 1;
    }
    open = open.filter((span) => span.end > lineStart);
    return [...open];
  };
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

/** What a claim without a verdict is called, in the legend and (lower case) in a highlight's name. */
export const NO_VERDICT_LABEL = 'No verdict yet';

export function statusInWords(claim: Pick<MarkableClaim, 'stage' | 'verdict'>): string {
  return `${STAGE_LABELS[claim.stage]}, ${
    claim.verdict
      ? `verdict ${VERDICT_DEFINITIONS[claim.verdict].label}`
      : NO_VERDICT_LABEL.toLowerCase()
  }`;
}

export function markDetails(claims: readonly MarkableClaim[]): ReadonlyMap<string, MarkDetail> {
  return new Map(
    claims.map((claim) => [claim.id, { status: statusInWords(claim), statement: claim.statement }]),
  );
}

export type ColourBy = 'stage' | 'verdict';

/** The colour class of a stage (global styles give each its `--stage-color`). */
function stageClass(stage: Stage): string {
  return `stage-${stage}`;
}

/** The colour class of a verdict, or of no verdict yet. */
function verdictClass(verdict: Verdict | null): string {
  return `verdict-${verdict ? VERDICT_DEFINITIONS[verdict].colorToken : 'none'}`;
}

/** The highlight class of each claim: its stage, or its verdict when colouring by verdict. */
export function markClasses(
  claims: readonly MarkableClaim[],
  colourBy: ColourBy,
): ReadonlyMap<string, string> {
  return new Map(
    claims.map((c) => [
      c.id,
      colourBy === 'verdict' ? verdictClass(c.verdict) : stageClass(c.stage),
    ]),
  );
}

/** One colour of the legend: the class that gives a highlight that colour, and its name in words. */
export interface LegendEntry {
  readonly className: string;
  readonly label: string;
}

/** Every colour a highlight can take in the given colouring, named as the rest of the app names it. */
export function legendEntries(colourBy: ColourBy): readonly LegendEntry[] {
  return colourBy === 'verdict'
    ? [
        ...VERDICTS.map((verdict) => ({
          className: verdictClass(verdict),
          label: VERDICT_DEFINITIONS[verdict].label,
        })),
        { className: verdictClass(null), label: NO_VERDICT_LABEL },
      ]
    : STAGES.map((stage) => ({ className: stageClass(stage), label: STAGE_LABELS[stage] }));
}

/** The accessible name of a highlight: its words, and each claim on them with its status. */
export function markLabel(run: TextRun, details: ReadonlyMap<string, MarkDetail>): string {
  const statuses = run.claimIds.map((id) => details.get(id)?.status ?? 'status unknown');
  return run.claimIds.length === 1
    ? `Claim, ${statuses[0]}: ${run.text}`
    : `${run.claimIds.length} claims on these words, ${statuses.join('; ')}: ${run.text}`;
}
