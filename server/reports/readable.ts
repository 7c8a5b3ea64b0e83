/**
 * What the human-readable reports (Markdown, print HTML) share: the summary
 * of the claims (counts, who submitted and approved them and when), labels
 * and wording, and which links they make.
 */
import type { ArticleFileHistoryEntry } from '../../src/domain/article-file';
import { CLAIM_KIND_LABELS, isWebUrl, type Stance } from '../../src/domain/claim';
import { type FilterQuery, filterFromQuery } from '../../src/domain/claim-filter';
import { VERDICT_DEFINITIONS, VERDICTS, type Verdict } from '../../src/domain/verdicts';
import { dueState } from '../../src/domain/deadline';
import { describeFieldChange } from '../../src/domain/history-changes';
import { describeEntry } from '../../src/domain/history-wording';
import { STAGE_LABELS, STAGES } from '../../src/domain/workflow';
import type { ExportedClaim, ExportedReport } from './article-export';

export const STANCE_LABELS: Readonly<Record<Stance, string>> = {
  supports: 'Supports',
  refutes: 'Refutes',
  context: 'Context',
};

/** The normalised address of an http(s) URL, or null: only such URLs become links. */
export function webHref(url: string): string | null {
  return isWebUrl(url) ? new URL(url).href : null;
}

/** A single-line field (headline, outlet, source title) on one line, however it was stored. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

export function verdictLabel(verdict: Verdict | null): string {
  return verdict ? VERDICT_DEFINITIONS[verdict].label : 'No verdict yet';
}

/** "2026-11-28 10:00 UTC", from a stored ISO 8601 time; safe to put in Markdown and HTML as it is. */
export function formatTime(iso: string | null): string {
  if (!iso) {
    return '';
  }
  // The stored form, read without a Date: thousands of these go into one report.
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/.test(iso)) {
    return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
  }
  const date = new Date(iso);
  // Never the raw value: the renderers put this text in unescaped.
  return Number.isNaN(date.getTime())
    ? 'unknown time'
    : `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

export interface ReportSummary {
  readonly claimCount: number;
  readonly articleClaimCount: number;
  /** Claims per stage and per verdict, every one listed, in workflow and scale order. */
  readonly stages: readonly { readonly label: string; readonly count: number }[];
  readonly verdicts: readonly { readonly label: string; readonly count: number }[];
  /** Who submitted the claims for review (the checkers of record), and who approved them. */
  readonly checkedBy: readonly string[];
  readonly approvedBy: readonly string[];
  readonly firstApprovedAt: string | null;
  readonly lastApprovedAt: string | null;
  readonly lastUpdatedAt: string | null;
  /** The filter in words; empty when the report holds every claim. */
  readonly filter: readonly string[];
  readonly generatedAt: string;
  readonly generatedBy: string;
}

function countBy<K extends string>(keys: readonly K[], values: readonly K[]): Map<K, number> {
  const counts = new Map(keys.map((key) => [key, 0]));
  for (const value of values) {
    counts.set(value, (counts.get(value) ?? 0) + 1);
  }
  return counts;
}

function distinct(values: readonly (string | null)[]): string[] {
  return [...new Set(values.filter((v): v is string => v !== null))].sort();
}

export function describeFilter(query: FilterQuery, me: string): string[] {
  const filter = filterFromQuery(query);
  const phrases: string[] = [];
  if (filter.stages.length) {
    phrases.push(`stage: ${filter.stages.map((s) => STAGE_LABELS[s]).join(' or ')}`);
  }
  if (filter.verdicts.length) {
    const labels = filter.verdicts.map((v) => (v === 'none' ? 'no verdict yet' : verdictLabel(v)));
    phrases.push(`verdict: ${labels.join(' or ')}`);
  }
  if (filter.kinds.length) {
    phrases.push(`kind: ${filter.kinds.map((k) => CLAIM_KIND_LABELS[k]).join(' or ')}`);
  }
  if (filter.mine) {
    phrases.push(`assigned to ${me}`);
  }
  if (filter.query.trim()) {
    phrases.push(`search: "${filter.query.trim()}" (quote, statement, rationale and notes)`);
  }
  return phrases;
}

export function summarise(report: ExportedReport, me: string, generatedAt: string): ReportSummary {
  const claims = report.file.claims;
  const stageCounts = countBy(
    STAGES,
    claims.map((c) => c.stage),
  );
  const verdictCounts = countBy(
    [...VERDICTS, 'none'],
    claims.map((c) => c.verdict ?? 'none'),
  );
  const approved = claims.filter((c) => c.stage === 'approved');
  // A claim imported as approved may carry no approval time.
  const approvalTimes = approved.flatMap((c) => (c.approvedAt ? [c.approvedAt] : [])).sort();
  const updateTimes = claims.map((c) => c.updatedAt).sort();
  return {
    claimCount: claims.length,
    articleClaimCount: report.articleClaimCount,
    stages: STAGES.map((stage) => ({
      label: STAGE_LABELS[stage],
      count: stageCounts.get(stage) ?? 0,
    })),
    verdicts: [...VERDICTS, 'none' as const].map((v) => ({
      label: v === 'none' ? 'No verdict yet' : verdictLabel(v),
      count: verdictCounts.get(v) ?? 0,
    })),
    checkedBy: distinct(claims.map((c) => c.submittedBy)).map((u) => personName(report, u)),
    approvedBy: distinct(approved.map((c) => c.approvedBy)).map((u) => personName(report, u)),
    firstApprovedAt: approvalTimes[0] ?? null,
    lastApprovedAt: approvalTimes.at(-1) ?? null,
    lastUpdatedAt: updateTimes.at(-1) ?? null,
    filter: describeFilter(report.filter, personName(report, me)),
    generatedAt,
    generatedBy: personName(report, me),
  };
}

/** A username as people know it: the account's display name, or the name as stored. */
export function personName(report: ExportedReport, username: string): string {
  return report.displayNames.get(username) ?? username;
}

/** "Dana Reyes approved the claim as False": the same wording as the dashboard's history. */
export function describeChange(report: ExportedReport, entry: ArticleFileHistoryEntry): string {
  return describeEntry(
    { actor: entry.actor, action: entry.action, after: entry.after ?? null },
    (username) => personName(report, username),
  );
}

/** "verdict: Mostly true → False", one per changed field: what the entry changed, in words. */
export function changedFields(report: ExportedReport, entry: ArticleFileHistoryEntry): string[] {
  const wording = {
    nameOf: (username: string) => personName(report, username),
    timeOf: formatTime,
  };
  return (entry.changes ?? []).map((change) => describeFieldChange(change, wording));
}

export function lastChange(claim: ExportedClaim): ArticleFileHistoryEntry | null {
  return claim.history.at(-1) ?? null;
}

/** "Marion Adebayo (person)", "the Ministry of Defence (organisation)"; empty when nobody is named. */
export function claimantWords(claim: Pick<ExportedClaim, 'claimant' | 'claimantType'>): string {
  if (!claim.claimant?.trim()) {
    return '';
  }
  const type = claim.claimantType === 'Organization' ? 'organisation' : 'person';
  return `${oneLine(claim.claimant)} (${type})`;
}

/** "2026-12-10 17:00 UTC (Overdue by 2 days)": the deadline as it stood when the report was made. */
export function dueWords(claim: ExportedClaim, generatedAt: string): string {
  if (!claim.dueAt) {
    return '';
  }
  const state = dueState(claim, Date.parse(generatedAt));
  return state.words ? `${formatTime(claim.dueAt)} (${state.words})` : formatTime(claim.dueAt);
}

/**
 * Who made the claim and when, its deadline and since when it stands in its
 * stage, as label and plain text (each renderer escapes it): one wording for
 * the Markdown and HTML reports. Only what is set.
 */
export function claimContext(
  claim: ExportedClaim,
  generatedAt: string,
): { readonly label: string; readonly text: string }[] {
  const facts = [
    { label: 'Claimant', text: claimantWords(claim) },
    { label: 'Claim made', text: claim.claimDate ?? '' },
    { label: 'Due', text: dueWords(claim, generatedAt) },
    { label: 'In this stage since', text: claim.stageSince ? formatTime(claim.stageSince) : '' },
  ];
  return facts.filter((fact) => fact.text !== '');
}

export function kindLabel(claim: ExportedClaim): string {
  return CLAIM_KIND_LABELS[claim.kind];
}
