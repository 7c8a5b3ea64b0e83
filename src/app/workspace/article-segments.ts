/**
 * Splits an article into lines and each line into runs of text covered by the
 * same set of claims, so that overlapping claims can each be highlighted and
 * selected. Pure: the article view renders what this returns.
 */
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
): ArticleLine[] {
  const bySpan = [...claims].sort((a, b) => a.end - a.start - (b.end - b.start));
  const lines: ArticleLine[] = [];
  let lineStart = 0;
  text.split('\n').forEach((lineText, index) => {
    const lineEnd = lineStart + lineText.length;
    const cuts = new Set<number>([lineStart, lineEnd]);
    for (const claim of claims) {
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
      runs.push({ start, end, text: text.slice(start, end), claimIds });
    }
    lines.push({ index, heading: headingLines.has(index), runs });
    lineStart = lineEnd + 1;
  });
  return lines;
}
