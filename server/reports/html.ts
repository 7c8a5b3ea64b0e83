/**
 * The print report: one standalone HTML document with an inline stylesheet,
 * readable on screen and printed (or saved as PDF) without toolbars. Printed,
 * the claims flow on after the summary and after each other (no page break
 * forced before any of them, so no claim stands alone on a page for it), no
 * claim is split across pages where it fits on one (`break-inside: avoid`),
 * and every link is followed by its URL, except a link whose text is its URL
 * (the article's address), which prints once.
 *
 * Every piece of user text goes through `escapeHtml`, multi-line text keeps
 * its lines by CSS (`white-space: pre-line`), not by markup, and links are
 * made only for http(s) URLs. The route serves it with a Content-Security-Policy
 * that allows this stylesheet (by its hash) and nothing else: no script runs.
 */
import { createHash } from 'node:crypto';
import { DISMISS_REASON_LABELS, ROLE_LABELS, STAGE_LABELS } from '../../src/domain/workflow';
import type { ExportedClaim, ExportedReport } from './article-export';
import {
  claimContext,
  changedFields,
  describeChange,
  formatTime,
  kindLabel,
  lastChange,
  oneLine,
  personName,
  type ReportSummary,
  STANCE_LABELS,
  verdictLabel,
  webHref,
} from './readable';

const ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

const HTML_SPECIAL = /[&<>"']/;
const HTML_SPECIALS = /[&<>"']/g;

/** Text safe in element content and in quoted attribute values. */
export function escapeHtml(text: string): string {
  // Most text has none of these; the test is much cheaper than a replace with a callback.
  return HTML_SPECIAL.test(text) ? text.replace(HTML_SPECIALS, (c) => ESCAPES[c]) : text;
}

const STYLE = `
:root { color-scheme: light; }
body { font: 16px/1.5 Georgia, 'Times New Roman', serif; color: #1b1b1b; max-width: 46rem;
  margin: 2rem auto; padding: 0 1rem; }
h1, h2, h3, h4 { font-family: system-ui, 'Segoe UI', Roboto, sans-serif; line-height: 1.25; }
h1 { font-size: 1.8rem; margin: 0 0 .5rem; }
h2 { font-size: 1.35rem; border-bottom: 2px solid #1b1b1b; padding-bottom: .2rem; margin-top: 2rem; }
h3 { font-size: 1.1rem; margin: 0 0 .5rem; }
h4 { font-size: .95rem; margin: 1rem 0 .25rem; }
.meta, .generated, .when { color: #555; font-size: .9rem; }
.text { white-space: pre-line; }
blockquote { margin: .5rem 0; padding: .25rem .75rem; border-left: 4px solid #999; background: #f5f5f5; }
table { border-collapse: collapse; margin: .5rem 1.5rem .5rem 0; display: inline-table; vertical-align: top; }
th, td { border: 1px solid #ccc; padding: .2rem .6rem; text-align: left; }
td.count { text-align: right; font-variant-numeric: tabular-nums; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .15rem .75rem; margin: .5rem 0; }
dl.facts dt { font-weight: bold; }
dl.facts dd { margin: 0; }
.claim { border-top: 1px solid #ccc; padding-top: 1rem; margin-top: 1.5rem; }
h2 + .claim { border-top: 0; padding-top: 0; }
.deleted { color: #555; font-style: italic; }
ul { padding-left: 1.25rem; }
a { color: #0b57d0; overflow-wrap: anywhere; }
@page { margin: 18mm 16mm; }
@media print {
  body { font-size: 10.5pt; max-width: none; margin: 0; padding: 0; }
  a { color: inherit; }
  a[href]:not(.url)::after { content: " (" attr(href) ")"; font-size: .85em; overflow-wrap: anywhere; }
  blockquote { background: none; }
  .claim { break-inside: avoid; }
  h2, h3, h4 { break-after: avoid; }
  table, blockquote, li { break-inside: avoid; }
}
`;

/** The Content-Security-Policy for this document: its one stylesheet, nothing else. */
export const HTML_REPORT_CSP = [
  "default-src 'none'",
  `style-src 'sha256-${createHash('sha256').update(STYLE).digest('base64')}'`,
  "base-uri 'none'",
  "form-action 'none'",
  // The dashboard may frame it to print; nothing else may.
  "frame-ancestors 'self'",
].join('; ');

/** A link; one that shows its own address is of class `url`, which print does not repeat. */
function link(text: string, url: string): string {
  const href = webHref(url);
  if (href === null) {
    return escapeHtml(url);
  }
  const shown = text === url || text === href ? ' class="url"' : '';
  return `<a href="${escapeHtml(href)}"${shown} rel="noopener noreferrer">${escapeHtml(text)}</a>`;
}

function fact(label: string, value: string): string {
  return `<dt>${label}</dt><dd>${value}</dd>`;
}

/** What the last change changed, one field a line (empty when it changed none). */
function changedList(fields: readonly string[]): string {
  return fields.length === 0
    ? ''
    : `<ul class="changes when">${fields.map((words) => `<li>${escapeHtml(words)}</li>`).join('')}</ul>`;
}

function countTable(heading: string, rows: readonly { label: string; count: number }[]): string {
  const body = rows
    .map((row) => `<tr><td>${escapeHtml(row.label)}</td><td class="count">${row.count}</td></tr>`)
    .join('');
  return `<table><thead><tr><th>${heading}</th><th>Claims</th></tr></thead><tbody>${body}</tbody></table>`;
}

function claimSection(
  report: ExportedReport,
  claim: ExportedClaim,
  index: number,
  generatedAt: string,
): string {
  const name = (username: string) => personName(report, username);
  const stage =
    claim.stage === 'dismissed' && claim.dismissReason
      ? `${STAGE_LABELS[claim.stage]} (${DISMISS_REASON_LABELS[claim.dismissReason]})`
      : STAGE_LABELS[claim.stage];
  const facts = [
    fact('Statement', `<span class="text">${escapeHtml(claim.statement)}</span>`),
    ...(claim.summary?.trim() ? [fact('Summary', escapeHtml(claim.summary))] : []),
    ...claimContext(claim, generatedAt).map(({ label, text }) => fact(label, escapeHtml(text))),
    fact('Kind', escapeHtml(kindLabel(claim))),
    fact('Stage', escapeHtml(stage)),
    fact('Verdict', escapeHtml(verdictLabel(claim.verdict))),
  ];
  if (claim.rationale?.trim()) {
    facts.push(fact('Rationale', `<span class="text">${escapeHtml(claim.rationale)}</span>`));
  }
  if (claim.assignee) {
    facts.push(fact('Assigned to', escapeHtml(name(claim.assignee))));
  }
  if (claim.stage === 'approved' && claim.approvedBy && claim.approvedAt) {
    facts.push(
      fact('Approved', `by ${escapeHtml(name(claim.approvedBy))}, ${formatTime(claim.approvedAt)}`),
    );
  }

  const evidence =
    claim.evidence.length === 0
      ? '<p>None yet.</p>'
      : `<ul>${claim.evidence
          .map(
            (item) =>
              `<li><strong>${STANCE_LABELS[item.stance]}:</strong> ${link(oneLine(item.title), item.url)}, ` +
              `${escapeHtml(oneLine(item.publisher))} (${item.sourceType === 'primary' ? 'primary' : 'secondary'} source)</li>`,
          )
          .join('')}</ul>`;

  const notes =
    claim.notes.length === 0
      ? '<p>None.</p>'
      : `<ul>${claim.notes
          .map((note) => {
            const who = `${escapeHtml(name(note.author))} (${ROLE_LABELS[note.authorRole]}), ${formatTime(note.createdAt)}`;
            return note.deletedAt
              ? `<li class="deleted">Note deleted by ${escapeHtml(note.deletedBy ? name(note.deletedBy) : 'unknown')}, ` +
                  `${formatTime(note.deletedAt)} (written by ${who})</li>`
              : `<li><span class="when">${who}:</span> <span class="text">${escapeHtml(note.text)}</span></li>`;
          })
          .join('')}</ul>`;

  const change = lastChange(claim);
  const changed = change
    ? `<p class="when">Last change: ${escapeHtml(describeChange(report, change))}, ${formatTime(change.at)}` +
      `${change.note?.trim() ? `: <span class="text">${escapeHtml(change.note)}</span>` : ''}</p>` +
      changedList(changedFields(report, change))
    : '';

  return (
    `<article class="claim" id="claim-${escapeHtml(claim.id)}">` +
    `<h3>Claim ${index + 1}: ${escapeHtml(claim.id)}</h3>` +
    `<blockquote class="text">${escapeHtml(claim.quote)}</blockquote>` +
    `<dl class="facts">${facts.join('')}</dl>` +
    `<h4>Evidence</h4>${evidence}<h4>Notes</h4>${notes}${changed}</article>`
  );
}

export function renderHtml(report: ExportedReport, summary: ReportSummary): string {
  const { article, claims } = report.file;
  const byline = [
    article.outlet ? escapeHtml(oneLine(article.outlet)) : '',
    article.publishedAt ? `published ${escapeHtml(article.publishedAt)}` : '',
    article.url ? link(article.url, article.url) : '',
  ].filter(Boolean);
  const scope =
    summary.filter.length > 0
      ? `${summary.claimCount} of the article's ${summary.articleClaimCount} claims, limited to ` +
        `${summary.filter.map(escapeHtml).join('; ')}.`
      : `All ${summary.claimCount} claims of the article.`;
  const people = [
    fact('Checked by', escapeHtml(summary.checkedBy.join(', ') || 'nobody yet')),
    fact('Approved by', escapeHtml(summary.approvedBy.join(', ') || 'nobody yet')),
  ];
  if (summary.firstApprovedAt && summary.lastApprovedAt) {
    people.push(
      fact(
        'Approved',
        summary.firstApprovedAt === summary.lastApprovedAt
          ? formatTime(summary.firstApprovedAt)
          : `between ${formatTime(summary.firstApprovedAt)} and ${formatTime(summary.lastApprovedAt)}`,
      ),
    );
  }
  if (summary.lastUpdatedAt) {
    people.push(fact('Last change', formatTime(summary.lastUpdatedAt)));
  }
  const tables =
    summary.claimCount > 0
      ? countTable('Stage', summary.stages) + countTable('Verdict', summary.verdicts)
      : '';

  return `<!doctype html>
<html lang="${escapeHtml(article.language)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>Fact-check report: ${escapeHtml(oneLine(article.headline))}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>${escapeHtml(oneLine(article.headline))}</h1>
${byline.length ? `<p class="meta">${byline.join(' · ')}</p>` : ''}
<p class="generated">Claimdesk fact-check report, generated ${formatTime(summary.generatedAt)} by ${escapeHtml(summary.generatedBy)}.</p>
</header>
<section class="summary">
<h2>Summary</h2>
<p>${scope}</p>
${tables}
<dl class="facts">${people.join('')}</dl>
</section>
<section class="claims">
<h2>Claims</h2>
${claims.length === 0 ? '<p>No claims match this report.</p>' : claims.map((claim, index) => claimSection(report, claim, index, summary.generatedAt)).join('\n')}
</section>
</body>
</html>
`;
}
