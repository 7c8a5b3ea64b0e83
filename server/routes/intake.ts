/**
 * Adding an article (editors): pasted text with its metadata, or an article
 * file (the claims/ format or a JSON report). Stored in one transaction with
 * its claim suggestions; answers with the article as the article list shows it
 * and, for a file, what the import did with it (see intake/imported-records.ts).
 */
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { type ArticleFile, MAX_CLAIMS_PER_ARTICLE } from '../../src/domain/article-file';
import type { ArticleDetail, ArticleSummary } from '../../src/domain/claim';
import { isEditorial } from '../../src/domain/workflow';
import { currentUser, requireRole } from '../plugins/auth';
import { ProblemError } from '../plugins/problems';
import { articleExists, findArticle } from '../repositories/articles';
import {
  ArticleFileError,
  importArticleWithSuggestions,
  type ImportResult,
  parseArticleFileYielding,
  prepareArticleValidation,
} from '../intake/article-file';
import type { Importer } from '../intake/import-article';
import { parseJsonInSlices } from '../intake/json-in-slices';
import { findHeadings, normaliseText, slugOf } from '../intake/pasted-text';
import { FIELD_LIMITS } from '../../src/domain/requests';
import {
  articleSummarySchema,
  errorResponses,
  noQuerystring,
  plainText,
  problemRef,
  webUrl,
} from './schemas';

/** The article file format's limit on the text. */
const MAX_TEXT = 200_000;
/** Pasted text: 200,000 characters and metadata fit with room to spare. */
const TEXT_BODY_LIMIT = 5 * 1024 * 1024;
/**
 * A file: a JSON report of 10,000 claims with a workflow's worth of evidence,
 * notes and history is about 27 MB; 20,000 claims (the cap) fit.
 */
const FILE_BODY_LIMIT = 64 * 1024 * 1024;
/** Tries at a free slug when two editors add articles with the same headline at once. */
const SLUG_ATTEMPTS = 5;

interface TextBody {
  source: 'text';
  headline: string;
  text: string;
  outlet?: string;
  url?: string;
  publishedAt?: string;
  language?: string;
}

interface FileBody {
  source: 'file';
  file: unknown;
  asCopy?: boolean;
}

const textBody = {
  type: 'object',
  properties: {
    source: { const: 'text' },
    headline: plainText(FIELD_LIMITS.headline),
    text: plainText(MAX_TEXT),
    outlet: plainText(FIELD_LIMITS.outlet),
    url: webUrl,
    publishedAt: { type: 'string', format: 'date', pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' },
    language: { type: 'string', pattern: '^[a-z]{2,3}(-[A-Za-z0-9]{1,8})*$', default: 'en' },
  },
  required: ['source', 'headline', 'text'],
  additionalProperties: false,
};

const fileBody = {
  type: 'object',
  properties: {
    source: { const: 'file' },
    file: {
      type: 'object',
      description:
        'An article file (claims/article.schema.json): a file of claims/ or a JSON report. ' +
        `At most ${MAX_CLAIMS_PER_ARTICLE.toLocaleString('en-US')} claims. An editor's import ` +
        'starts every claim again as new and keeps the rest as data; an admin’s import (not as ' +
        'a copy) restores stages, approvals and history as given.',
    },
    asCopy: {
      type: 'boolean',
      default: false,
      description:
        'Store the article under a new id (`<id>-copy`, `-copy-2`…) with new claim, evidence ' +
        'and note ids, beside the article it was exported from.',
    },
  },
  required: ['source', 'file'],
  additionalProperties: false,
};

/** What the import of a file did, beside the article summary. */
const importSchema = {
  type: 'object',
  properties: {
    mode: { type: 'string', enum: ['restore', 'import'] },
    copyOf: { type: ['string', 'null'] },
    claimsReset: { type: 'integer' },
    claimsRenamed: { type: 'integer' },
    suggestions: { type: 'integer' },
  },
  required: ['mode', 'copyOf', 'claimsReset', 'claimsRenamed', 'suggestions'],
  additionalProperties: false,
};

const createdSchema = {
  ...articleSummarySchema,
  properties: { ...articleSummarySchema.properties, import: importSchema },
};

/** Pasted text is small: a body past its limit is refused as if the route's limit were that. */
function refuseLargeText(request: FastifyRequest<{ Body: TextBody | FileBody }>): void {
  const body = request.body as Partial<TextBody> | null;
  if (body?.source !== 'text') {
    return;
  }
  const length =
    Number(request.headers['content-length']) || Buffer.byteLength(JSON.stringify(body));
  if (length > TEXT_BODY_LIMIT) {
    throw new ProblemError({
      title: 'Request too large',
      status: 413,
      detail: `Pasted text takes a body of at most ${TEXT_BODY_LIMIT / 1024 / 1024} MB.`,
    });
  }
}

/** The article as the article list shows it: without its text. */
function summaryOf({
  text: _text,
  headings: _headings,
  ...summary
}: ArticleDetail): ArticleSummary {
  return summary;
}

const intake: FastifyPluginAsync = async (app) => {
  prepareArticleValidation();
  // For this plugin's route only: a 5 MB article file in one JSON.parse held every other
  // request for 50-110 ms; parsed in slices instead (intake/json-in-slices.ts).
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser(
    'application/json',
    { parseAs: 'buffer' },
    (_request: FastifyRequest, body: Buffer) => parseJsonInSlices(body),
  );

  /** The slug of the headline, with -2, -3… when taken. */
  async function freeSlug(headline: string): Promise<string> {
    const base = slugOf(headline);
    for (let n = 1; ; n++) {
      const id = n === 1 ? base : `${base}-${n}`;
      if (!(await articleExists(app.db, id))) {
        return id;
      }
    }
  }

  function fileFromText(body: TextBody, id: string): ArticleFile {
    const text = normaliseText(body.text);
    return {
      formatVersion: 1,
      article: {
        id,
        headline: body.headline.replace(/\s+/g, ' ').trim(),
        outlet: body.outlet?.trim() || null,
        url: body.url ?? null,
        publishedAt: body.publishedAt ?? null,
        language: body.language ?? 'en',
        text,
        headings: findHeadings(text),
      },
      claims: [],
    };
  }

  async function importText(body: TextBody, importer: Importer): Promise<ImportResult> {
    for (let attempt = 0; attempt < SLUG_ATTEMPTS; attempt++) {
      const file = fileFromText(body, await freeSlug(body.headline));
      const result = await importArticleWithSuggestions(app.db, file, importer);
      if (result) {
        return result;
      }
    }
    throw new Error(`no free id for the headline "${body.headline}"`);
  }

  async function importFile(body: FileBody, importer: Importer): Promise<ImportResult> {
    let file: ArticleFile;
    try {
      file = await parseArticleFileYielding(body.file);
    } catch (error) {
      if (error instanceof ArticleFileError) {
        const field = `/body/file${error.pointer}`;
        throw new ProblemError({
          title: 'Invalid request',
          status: 400,
          detail: `${field} ${error.reason}`,
          field,
        });
      }
      throw error;
    }
    const exists = () =>
      new ProblemError({
        title: 'Conflict',
        status: 409,
        detail:
          `An article with the id "${file.article.id}" already exists; nothing was changed. ` +
          'Send "asCopy": true to store this one beside it, under a new id.',
        field: '/body/file/article/id',
        code: 'exists',
      });
    const asCopy = body.asCopy === true;
    // Checked before the suggester runs, and again inside the import's transaction.
    if (!asCopy && (await articleExists(app.db, file.article.id))) {
      throw exists();
    }
    const result = await importArticleWithSuggestions(app.db, file, importer, { asCopy });
    if (!result) {
      throw exists();
    }
    return result;
  }

  app.post<{ Body: TextBody | FileBody }>(
    '/api/articles',
    {
      bodyLimit: FILE_BODY_LIMIT,
      // Before reading up to 64 MB: only editors may add articles.
      preParsing: async (request) => {
        if (request.user && !isEditorial(request.user.role)) {
          throw new ProblemError({
            title: 'Not allowed',
            status: 403,
            detail: 'Only an editor can add an article.',
            code: 'role',
          });
        }
      },
      preValidation: async (request) => refuseLargeText(request),
      schema: {
        summary: 'Add an article: pasted text, or an article file or JSON report (editor)',
        description:
          'Either `{ "source": "text", "headline", "text", "outlet"?, "url"?, "publishedAt"?, ' +
          '"language"? }` (line endings normalised, trailing white space trimmed, headings found, ' +
          'id made from the headline; a body of at most 5 MB) or `{ "source": "file", "file": ' +
          '<article file>, "asCopy"? }` (at most 64 MB; an existing article id is a 409 unless ' +
          'asCopy). The suggester reads the text, unless the file carries its suggestions.',
        querystring: noQuerystring,
        body: {
          type: 'object',
          // In this order, so that a wrong source is named before the fields it would need.
          allOf: [
            {
              properties: { source: { type: 'string', enum: ['text', 'file'] } },
              required: ['source'],
            },
            { if: { properties: { source: { const: 'file' } } }, then: fileBody, else: textBody },
          ],
        },
        response: {
          201: createdSchema,
          ...errorResponses,
          409: problemRef,
          413: problemRef,
        },
      },
    },
    async (request, reply) => {
      if (!requireRole(request, reply, 'editor')) {
        return reply;
      }
      const { username, role } = currentUser(request);
      const body = request.body;
      const result =
        body.source === 'file'
          ? await importFile(body, { username, role })
          : await importText(body, { username, role });
      // The import's COMMIT has just run in this turn of the event loop. Those who listen
      // (the matcher reads every claim of the article) start on the next one, so that the
      // two do not add up to one long stall for everyone else.
      await new Promise((resolve) => setImmediate(resolve));
      app.changes.publish(result.event);
      const article = await findArticle(app.db, result.articleId);
      if (!article) {
        throw new Error(`article ${result.articleId} vanished after its import`);
      }
      reply.status(201);
      if (body.source === 'text') {
        return summaryOf(article);
      }
      const { mode, copyOf, claimsReset, claimsRenamed, suggestions } = result;
      return {
        ...summaryOf(article),
        import: { mode, copyOf, claimsReset, claimsRenamed, suggestions },
      };
    },
  );
};

export default intake;
