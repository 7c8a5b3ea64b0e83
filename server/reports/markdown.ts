/**
 * The Markdown report: headline, summary, then every claim in article order.
 *
 * Written for both CommonMark (markdown-it, GitHub) and pandoc's Markdown,
 * which has more syntax (citations `@`, math `$`, super/subscript `^ ~`,
 * attributes `{}`, fancy list markers `a.` `iv.` `(1)`). User text can never
 * make structure or HTML: the characters that open inline syntax are escaped
 * everywhere, a line's first character and a list-marker-like start are
 * escaped at the start of every line, and lines are trimmed so that none is
 * indented into a code block. Links are made only for http(s) URLs, and an
 * http(s) URL in user text is an explicit autolink `<https://…>` that stops
 * before the punctuation after it.
 */
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

/** Backslash-escapable in CommonMark and pandoc alike (all ASCII punctuation is). */
const INLINE_SPECIALS = /[\\`*_[\]{}<>&|~^$@]/g;
/** Whether a line needs any inline escape: most text has none, and this is one scan. */
const NEEDS_ESCAPE = /[\\`*_[\]{}<>&|~^$@]|--/;
const ASCII_PUNCTUATION = /^[!-/:-@[-`{-~]/;
/** "1." "1)" "a." "iv)" at the start of a line: ordered-list markers (pandoc's fancy lists too). */
const LIST_MARKER = /^([0-9]+|[A-Za-z]|[ivxlcdmIVXLCDM]+)([.)])(?=\s|$)/;
const LINE_BREAK = /\r\n|[\n\r\u2028\u2029]/;

/** An http(s) URL in user text: RFC 3986's characters only, so it cannot hold `<`, `>` or a space. */
const WEB_URL = /https?:\/\/[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]+/gi;
/** Punctuation that ends a sentence rather than the URL (GitHub's autolink rule too). */
const TRAILING_PUNCTUATION = /[.,:;!?'"*_~]+$/;

/**
 * Where a URL in the text ends: trailing punctuation and unbalanced closing
 * brackets belong to the sentence ("see https://example.org/a)." keeps ")."
 * outside), as GitHub's autolinker decides.
 */
function urlEnd(url: string): string {
  let end = url;
  for (;;) {
    const trimmed = end.replace(TRAILING_PUNCTUATION, '');
    const last = trimmed.at(-1);
    const open = last === ')' ? '(' : last === ']' ? '[' : null;
    if (open !== null && trimmed.split(last ?? '').length > trimmed.split(open).length) {
      end = trimmed.slice(0, -1);
    } else if (trimmed === end) {
      return end;
    } else {
      end = trimmed;
    }
  }
}

/** Text escaped for inline use, without the line-start rules. */
function escapeInline(text: string): string {
  return NEEDS_ESCAPE.test(text)
    ? text
        .replace(INLINE_SPECIALS, '\\$&')
        // pandoc's smart typography would make "--" a dash; user text keeps its hyphens.
        .replace(/-{2,}/g, (run) => run.replace(/-/g, '\\-'))
    : text;
}

/** The line-start rules: no block syntax (heading, quote, list, thematic break) at its start. */
function escapeLineStart(escaped: string): string {
  if (ASCII_PUNCTUATION.test(escaped) && !escaped.startsWith('\\')) {
    return `\\${escaped}`;
  }
  return escaped.replace(LIST_MARKER, '$1\\$2');
}

/**
 * One line of user text. An http(s) URL in it becomes an explicit autolink
 * `<https://…>` ending where the URL does, so that neither GitHub's nor
 * pandoc's autolinker (nor a reader's) takes the punctuation after it into
 * the link, and both render the same link.
 */
function escapeLine(line: string): string {
  const trimmed = line.trim();
  if (!/https?:\/\//i.test(trimmed)) {
    return escapeLineStart(escapeInline(trimmed));
  }
  let out = '';
  let from = 0;
  for (const match of trimmed.matchAll(WEB_URL)) {
    const url = urlEnd(match[0]);
    // "https://" alone, or followed by nothing of a host, stays text.
    if (!/^https?:\/\/[A-Za-z0-9[]/i.test(url)) {
      continue;
    }
    const before = escapeInline(trimmed.slice(from, match.index));
    out += (from === 0 ? escapeLineStart(before) : before) + `<${url}>`;
    from = match.index + url.length;
  }
  const rest = escapeInline(trimmed.slice(from));
  return from === 0 ? escapeLineStart(rest) : out + rest;
}

function lines(text: string): string[] {
  return text
    .split(LINE_BREAK)
    .map(escapeLine)
    .filter((line) => line !== '');
}

/**
 * User text as inline Markdown. Line breaks become hard breaks, continued at
 * `indent` so that they stay inside a list item or block quote.
 */
export function escapeMarkdown(text: string, indent = ''): string {
  return LINE_BREAK.test(text) ? lines(text).join(`\\\n${indent}`) : escapeLine(text);
}

/** A link when `url` is http(s), its text otherwise; the destination is percent-encoded. */
export function markdownLink(text: string, url: string): string {
  const href = webHref(url);
  if (href === null) {
    return escapeMarkdown(url);
  }
  // Anything outside RFC 3986's characters, and parentheses, could end or break the destination.
  const destination = href.replace(/[^A-Za-z0-9\-._~:/?#[\]@!$&'*+,;=%]/g, (c) =>
    encodeURIComponent(c).replace(/[()']/g, (p) => `%${p.charCodeAt(0).toString(16)}`),
  );
  return `[${escapeMarkdown(text)}](${destination})`;
}

/**
 * Single-line text for an ATX heading: on one line, and a trailing `#` escaped,
 * which CommonMark and pandoc would otherwise take for a closing sequence and drop.
 */
export function headingText(text: string): string {
  return escapeMarkdown(oneLine(text)).replace(/(?<!\\)#$/, '\\#');
}

function field(label: string, value: string): string {
  return `**${label}:** ${value}`;
}

/** A claim's section: blocks (heading, quote, paragraphs, lists) with a blank line between. */
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
    field('Kind', kindLabel(claim)),
    field('Stage', stage),
    field('Verdict', verdictLabel(claim.verdict)),
  ];
  if (claim.assignee) {
    facts.push(field('Assigned to', escapeMarkdown(name(claim.assignee))));
  }
  const blocks = [
    `### Claim ${index + 1}: ${escapeMarkdown(claim.id)}`,
    lines(claim.quote)
      .map((line) => `> ${line}`)
      .join('\\\n'),
    field('Statement', escapeMarkdown(claim.statement)),
  ];
  if (claim.summary?.trim()) {
    blocks.push(field('Summary', escapeMarkdown(claim.summary)));
  }
  const context = claimContext(claim, generatedAt);
  if (context.length > 0) {
    blocks.push(context.map((fact) => field(fact.label, escapeMarkdown(fact.text))).join(' · '));
  }
  blocks.push(facts.join(' · '));
  if (claim.approvedBy && claim.approvedAt && claim.stage === 'approved') {
    blocks.push(
      field(
        'Approved',
        `by ${escapeMarkdown(name(claim.approvedBy))}, ${formatTime(claim.approvedAt)}`,
      ),
    );
  }
  if (claim.rationale?.trim()) {
    blocks.push(field('Rationale', escapeMarkdown(claim.rationale)));
  }

  blocks.push('**Evidence:**');
  blocks.push(
    claim.evidence.length === 0
      ? 'None yet.'
      : claim.evidence
          .map((item) => {
            const kind = item.sourceType === 'primary' ? 'primary source' : 'secondary source';
            return (
              `- ${STANCE_LABELS[item.stance]}: ${markdownLink(oneLine(item.title), item.url)}, ` +
              `${escapeMarkdown(oneLine(item.publisher))} (${kind})`
            );
          })
          .join('\n'),
  );

  blocks.push('**Notes:**');
  blocks.push(
    claim.notes.length === 0
      ? 'None.'
      : claim.notes
          .map((note) => {
            const who = `${escapeMarkdown(name(note.author))} (${ROLE_LABELS[note.authorRole]}), ${formatTime(note.createdAt)}`;
            return note.deletedAt
              ? `- *Note deleted* by ${escapeMarkdown(note.deletedBy ? name(note.deletedBy) : 'unknown')}, ${formatTime(note.deletedAt)} (written by ${who})`
              : `- ${who}: ${escapeMarkdown(note.text, '  ')}`;
          })
          .join('\n'),
  );

  const change = lastChange(claim);
  if (change) {
    const said = change.note?.trim() ? `: ${escapeMarkdown(change.note)}` : '';
    blocks.push(
      field(
        'Last change',
        `${escapeMarkdown(describeChange(report, change))}, ${formatTime(change.at)}${said}`,
      ),
    );
    const fields = changedFields(report, change);
    if (fields.length > 0) {
      blocks.push(fields.map((words) => `- ${escapeMarkdown(words)}`).join('\n'));
    }
  }
  return blocks.join('\n\n');
}

function countTable(heading: string, rows: readonly { label: string; count: number }[]): string {
  return [
    `| ${heading} | Claims |`,
    '| --- | ---: |',
    ...rows.map((row) => `| ${row.label} | ${row.count} |`),
  ].join('\n');
}

export function renderMarkdown(report: ExportedReport, summary: ReportSummary): string {
  const { article, claims } = report.file;
  const blocks: string[] = [`# ${headingText(article.headline)}`];

  const byline: string[] = [];
  if (article.outlet) byline.push(escapeMarkdown(oneLine(article.outlet)));
  if (article.publishedAt) byline.push(`published ${escapeMarkdown(article.publishedAt)}`);
  if (article.url) byline.push(markdownLink(article.url, article.url));
  if (byline.length) blocks.push(byline.join(' · '));
  blocks.push(
    `Claimdesk fact-check report, generated ${formatTime(summary.generatedAt)} ` +
      `by ${escapeMarkdown(summary.generatedBy)}.`,
  );

  blocks.push('## Summary');
  blocks.push(
    summary.filter.length > 0
      ? `${summary.claimCount} of the article's ${summary.articleClaimCount} claims, ` +
          `limited to ${summary.filter.map((phrase) => escapeMarkdown(phrase)).join('; ')}.`
      : `All ${summary.claimCount} claims of the article.`,
  );
  if (summary.claimCount > 0) {
    blocks.push(countTable('Stage', summary.stages), countTable('Verdict', summary.verdicts));
  }
  const people = [
    `- Checked by: ${summary.checkedBy.map((u) => escapeMarkdown(u)).join(', ') || 'nobody yet'}`,
    `- Approved by: ${summary.approvedBy.map((u) => escapeMarkdown(u)).join(', ') || 'nobody yet'}`,
  ];
  if (summary.firstApprovedAt && summary.lastApprovedAt) {
    people.push(
      summary.firstApprovedAt === summary.lastApprovedAt
        ? `- Approved: ${formatTime(summary.firstApprovedAt)}`
        : `- Approved: between ${formatTime(summary.firstApprovedAt)} and ${formatTime(summary.lastApprovedAt)}`,
    );
  }
  if (summary.lastUpdatedAt) {
    people.push(`- Last change: ${formatTime(summary.lastUpdatedAt)}`);
  }
  blocks.push(people.join('\n'));

  blocks.push('## Claims');
  blocks.push(
    claims.length === 0
      ? 'No claims match this report.'
      : claims
          .map((claim, index) => claimSection(report, claim, index, summary.generatedAt))
          .join('\n\n'),
  );
  return `${blocks.join('\n\n')}\n`;
}
