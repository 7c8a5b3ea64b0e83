/**
 * Adding an article (editors): pasted text with its metadata, or an article
 * file (the claims/ format or a JSON report). Stored in one transaction with
 * its claim suggestions; answers with the article as the article list shows it.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { ArticleFile } from '../../src/domain/article-file';
import type { ArticleDetail, ArticleSummary } from '../../src/domain/claim';
import { currentUser, requireRole } from '../plugins/auth';
import { ProblemError } from '../plugins/problems';
import { articleExists, findArticle } from '../repositories/articles';
import type { ChangeEvent } from '../repositories/events';
import {
  ArticleFileError,
  importArticleWithSuggestions,
  parseArticleFile,
} from '../intake/article-file';
import { findHeadings, normaliseText, slugOf } from '../intake/pasted-text';
import { articleSummarySchema, errorResponses, plainText, problemRef, webUrl } from './schemas';

/** The article file format's limit on the text; a body of that much text and its claims fits in BODY_LIMIT. */
const MAX_TEXT = 200_000;
const BODY_LIMIT = 5 * 1024 * 1024;
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
}

const textBody = {
  type: 'object',
  properties: {
    source: { const: 'text' },
    headline: plainText(300),
    text: plainText(MAX_TEXT),
    outlet: plainText(200),
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
        'Its optional fields (timestamps, approvals, tombstones, history) are restored as given.',
    },
  },
  required: ['source', 'file'],
  additionalProperties: false,
};

/** The article as the article list shows it: without its text. */
function summaryOf({
  text: _text,
  headings: _headings,
  ...summary
}: ArticleDetail): ArticleSummary {
  return summary;
}

const intake: FastifyPluginAsync = async (app) => {
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

  async function importText(body: TextBody, actor: string): Promise<ChangeEvent> {
    for (let attempt = 0; attempt < SLUG_ATTEMPTS; attempt++) {
      const file = fileFromText(body, await freeSlug(body.headline));
      const event = await importArticleWithSuggestions(app.db, file, actor);
      if (event) {
        return event;
      }
    }
    throw new Error(`no free id for the headline "${body.headline}"`);
  }

  async function importFile(data: unknown, actor: string): Promise<ChangeEvent> {
    let file: ArticleFile;
    try {
      file = parseArticleFile(data);
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
        detail: `An article with the id "${file.article.id}" already exists; nothing was changed.`,
        field: '/body/file/article/id',
        code: 'exists',
      });
    // Checked before the suggester runs, and again inside the import's transaction.
    if (await articleExists(app.db, file.article.id)) {
      throw exists();
    }
    const event = await importArticleWithSuggestions(app.db, file, actor);
    if (!event) {
      throw exists();
    }
    return event;
  }

  app.post<{ Body: TextBody | FileBody }>(
    '/api/articles',
    {
      bodyLimit: BODY_LIMIT,
      schema: {
        summary: 'Add an article: pasted text, or an article file or JSON report (editor)',
        description:
          'Either `{ "source": "text", "headline", "text", "outlet"?, "url"?, "publishedAt"?, ' +
          '"language"? }` (line endings normalised, trailing white space trimmed, headings found, ' +
          'id made from the headline) or `{ "source": "file", "file": <article file> }` (an ' +
          'existing article id is a 409). The claim suggester reads the text in both cases.',
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
          201: articleSummarySchema,
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
      const actor = currentUser(request).username;
      const body = request.body;
      const event =
        body.source === 'file' ? await importFile(body.file, actor) : await importText(body, actor);
      app.changes.publish(event);
      const article = await findArticle(app.db, event.articleId ?? '');
      if (!article) {
        throw new Error(`article ${event.articleId} vanished after its import`);
      }
      reply.status(201);
      return summaryOf(article);
    },
  );
};

export default intake;
