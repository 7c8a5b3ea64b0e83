/**
 * Reports: an article's claims as a download in five formats, for the whole
 * article or for the claims-table filter (the same query parameters as the
 * dashboard's URL, applied by the same code). Any signed-in user may export.
 */
import { Readable } from 'node:stream';
import type { FastifyPluginAsync } from 'fastify';
import { CLAIM_KINDS } from '../../src/domain/claim';
import {
  filterFromQuery,
  SORT_KEYS,
  VERDICT_FILTER_VALUES,
  type FilterQuery,
} from '../../src/domain/claim-filter';
import { STAGES } from '../../src/domain/workflow';
import { DEFAULT_ORGANISATION_NAME, defaultPublicUrl, type ServerConfig } from '../config';
import { currentUser } from '../plugins/auth';
import { ProblemError } from '../plugins/problems';
import { now } from '../repositories/time';
import { loadReport } from '../reports/article-export';
import { buildClaimReview } from '../reports/claimreview';
import { firstAppearances } from '../repositories/claim-memory';
import { renderCsv } from '../reports/csv';
import { HTML_REPORT_CSP, renderHtml } from '../reports/html';
import { renderJsonReport } from '../reports/json-report';
import { renderMarkdown } from '../reports/markdown';
import { summarise } from '../reports/readable';
import { errorResponses, idPathParams, plainText } from './schemas';

export const REPORT_FORMATS = ['md', 'csv', 'json', 'claimreview', 'html'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

const MEDIA: Readonly<Record<ReportFormat, { type: string; extension: string }>> = {
  md: { type: 'text/markdown; charset=utf-8', extension: 'md' },
  csv: { type: 'text/csv; charset=utf-8', extension: 'csv' },
  json: { type: 'application/json; charset=utf-8', extension: 'json' },
  claimreview: { type: 'application/ld+json; charset=utf-8', extension: 'jsonld' },
  html: { type: 'text/html; charset=utf-8', extension: 'html' },
};

/** A comma-separated list of known values, as the dashboard writes it in its URL. */
function listOf(values: readonly string[]) {
  const one = `(${values.join('|')})`;
  return { type: 'string', maxLength: 500, pattern: `^${one}(,${one})*$` };
}

export type ReportOptions = Partial<
  Pick<ServerConfig, 'organisationName' | 'organisationUrl' | 'publicUrl'>
>;

type ReportQuery = FilterQuery & { format: ReportFormat };

const reports: FastifyPluginAsync<ReportOptions> = async (app, options) => {
  // Test and benchmark apps pass no publisher: placeholders, as `configFromEnv` without env.
  const publicUrl = options.publicUrl ?? defaultPublicUrl('127.0.0.1', 4200);
  const publisher = {
    organisationName: options.organisationName ?? DEFAULT_ORGANISATION_NAME,
    organisationUrl: options.organisationUrl ?? publicUrl,
    publicUrl,
  };

  app.get<{ Params: { id: string }; Querystring: ReportQuery }>(
    '/api/articles/:id/report',
    {
      schema: {
        summary: 'A report of the article’s claims: Markdown, CSV, JSON, ClaimReview or print HTML',
        description:
          'The filter parameters are those of the claims table (stage, verdict, kind, mine, q, ' +
          'sort, dir) and select the same claims; sort and dir order the CSV rows, the other ' +
          'formats list claims in article order. `json` is the article file format of claims/ ' +
          'with every field (claims/article.schema.json); `claimreview` holds only approved ' +
          'claims with a verdict and says how many were left out (also in X-Claimdesk-Omitted).',
        params: idPathParams,
        querystring: {
          type: 'object',
          properties: {
            format: { type: 'string', enum: [...REPORT_FORMATS] },
            stage: listOf(STAGES),
            verdict: listOf(VERDICT_FILTER_VALUES),
            kind: listOf(CLAIM_KINDS),
            mine: { type: 'string', enum: ['0', '1'] },
            q: plainText(500, false),
            sort: { type: 'string', enum: [...SORT_KEYS] },
            dir: { type: 'string', enum: ['asc', 'desc'] },
          },
          required: ['format'],
          additionalProperties: false,
        },
        response: {
          200: {
            description: 'The report, as an attachment (print HTML: inline)',
            content: {
              'text/markdown': { schema: { type: 'string' } },
              'text/csv': { schema: { type: 'string' } },
              'application/json': { schema: { type: 'object', additionalProperties: true } },
              'application/ld+json': { schema: { type: 'object', additionalProperties: true } },
              'text/html': { schema: { type: 'string' } },
            },
          },
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const { format, ...params } = request.query;
      const user = currentUser(request);
      const generatedAt = now();
      const notFound = () =>
        new ProblemError({
          title: 'Not found',
          status: 404,
          detail: `Article ${request.params.id} does not exist.`,
        });
      const download = (extension: string) => {
        const media = MEDIA[format];
        return (
          reply
            .type(media.type)
            .header(
              'content-disposition',
              `${format === 'html' ? 'inline' : 'attachment'}; filename="${request.params.id}-claims.${extension}"`,
            )
            // Reports hold unpublished work: no shared or browser cache keeps a copy.
            .header('cache-control', 'no-store')
            .header('x-content-type-options', 'nosniff')
        );
      };

      if (format === 'json') {
        // Compact, and written by SQLite as it goes: a 10,000-claim file is 27 MB.
        const chunks = await renderJsonReport(app.db, request.params.id, {
          filter: filterFromQuery(params),
          me: user.username,
          report: { generatedAt, generatedBy: user.username },
        });
        if (!chunks) {
          throw notFound();
        }
        const length = chunks.reduce((sum, chunk) => sum + chunk.byteLength, 0);
        return download(MEDIA.json.extension)
          .header('content-length', length)
          .send(Readable.from(chunks));
      }

      const report = await loadReport(app.db, request.params.id, {
        filter: filterFromQuery(params),
        me: user.username,
        order: format === 'csv' ? 'table' : 'article',
        // Markdown and HTML show each claim's last change; CSV and ClaimReview none.
        history: format === 'md' || format === 'html' ? 'last' : 'none',
        report: { generatedAt, generatedBy: user.username },
        approvals: format === 'claimreview',
      });
      if (!report) {
        throw notFound();
      }

      let body: string;
      switch (format) {
        case 'csv':
          body = renderCsv(report);
          break;
        case 'claimreview': {
          const first = await firstAppearances(app.db, report.file.claims);
          const document = buildClaimReview(report, publisher, generatedAt, first);
          reply.header(
            'x-claimdesk-omitted',
            `not-approved=${document.omitted.notApproved}, no-verdict=${document.omitted.noVerdict}, ` +
              `approved-elsewhere=${document.omitted.approvedElsewhere}`,
          );
          // Same JSON, but safe to paste into a <script type="application/ld+json"> of a page.
          body = `${JSON.stringify(document.body, null, 2).replace(/</g, '\\u003c')}\n`;
          break;
        }
        case 'md':
          body = renderMarkdown(report, summarise(report, user.username, generatedAt));
          break;
        case 'html':
          reply.header('content-security-policy', HTML_REPORT_CSP);
          body = renderHtml(report, summarise(report, user.username, generatedAt));
          break;
      }

      return download(MEDIA[format].extension).send(body);
    },
  );
};

export default reports;
