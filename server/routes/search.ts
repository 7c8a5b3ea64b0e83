/** `GET /api/search`: ranked results across articles, claims, notes and evidence. */
import type { FastifyPluginAsync } from 'fastify';
import {
  SEARCH_FIELDS,
  SEARCH_OFFSET_MAX,
  SEARCH_PAGE_DEFAULT,
  SEARCH_PAGE_MAX,
  SEARCH_QUERY_MAX_LENGTH,
  SEARCH_TERMS_MAX,
  SEARCH_TYPES,
  type SearchPage,
  type SearchType,
} from '../../src/domain/search';
import { type SearchPosition, searchEverything } from '../repositories/search';
import { parseSearchQuery } from '../repositories/search-query';
import { invalidQueryParameter } from './invalid-field';
import { errorResponses } from './schemas';

interface SearchQuerystring {
  q: string;
  type?: string;
  limit?: number;
  cursor?: string;
  archived?: '0' | '1';
}

const searchQuerystring = {
  type: 'object',
  properties: {
    q: {
      type: 'string',
      minLength: 1,
      maxLength: SEARCH_QUERY_MAX_LENGTH,
      description:
        'Words (all must match, stemmed: "visited" finds "visit"), "phrases in quotes" and ' +
        'prefixes (`artill*`); case and accents do not matter',
    },
    type: {
      type: 'string',
      maxLength: 100,
      description: `Comma-separated kinds to search: ${SEARCH_TYPES.join(', ')} (all by default)`,
    },
    limit: { type: 'integer', minimum: 1, maximum: SEARCH_PAGE_MAX },
    cursor: {
      type: 'string',
      maxLength: 1000,
      pattern: '^[A-Za-z0-9_-]+$',
      description: 'The nextCursor of the previous page',
    },
    archived: {
      type: 'string',
      enum: ['0', '1'],
      description: '1: include the items of archived articles',
    },
  },
  required: ['q'],
  additionalProperties: false,
};

const searchResultSchema = {
  type: 'object',
  properties: {
    type: { type: 'string', enum: [...SEARCH_TYPES] },
    articleId: { type: 'string' },
    articleHeadline: { type: 'string' },
    claimId: { type: 'string' },
    noteId: { type: 'string' },
    evidenceId: { type: 'string' },
    title: { type: 'string' },
    field: { type: 'string', enum: [...SEARCH_FIELDS] },
    snippet: { type: 'string' },
    highlights: {
      type: 'array',
      description: '[start, end) offsets into the snippet (UTF-16 code units)',
      items: {
        type: 'array',
        items: { type: 'integer' },
        minItems: 2,
        maxItems: 2,
      },
    },
    score: { type: 'number', description: 'Higher is better; comparable within one answer' },
  },
  required: [
    'type',
    'articleId',
    'articleHeadline',
    'title',
    'field',
    'snippet',
    'highlights',
    'score',
  ],
  additionalProperties: false,
};

const searchPageSchema = {
  type: 'object',
  properties: {
    items: { type: 'array', items: searchResultSchema },
    nextCursor: { type: ['string', 'null'] },
  },
  required: ['items', 'nextCursor'],
  additionalProperties: false,
};

function typesOf(raw: string | undefined): SearchType[] {
  if (raw === undefined || raw === '') {
    return [...SEARCH_TYPES];
  }
  const items = raw.split(',');
  const unknown = items.find((item) => !(SEARCH_TYPES as readonly string[]).includes(item));
  if (unknown !== undefined) {
    throw invalidQueryParameter(
      'type',
      `must be a comma-separated list of: ${SEARCH_TYPES.join(', ')} ("${unknown}" is not one)`,
    );
  }
  return [...new Set(items)] as SearchType[];
}

/** Where the next page starts: after the last item given, and how many came before. */
interface SearchCursor extends SearchPosition {
  readonly given: number;
}

/** Opaque to clients: base64url of the last item given (kind, id, score) and the count so far. */
export function encodeSearchCursor(cursor: SearchCursor): string {
  const { kind: k, ref: r, score: s, given: n } = cursor;
  return Buffer.from(JSON.stringify({ k, r, s, n })).toString('base64url');
}

function decodeSearchCursor(text: string): SearchCursor {
  try {
    const { k, r, s, n } = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as Record<
      string,
      unknown
    >;
    if (
      (SEARCH_TYPES as readonly unknown[]).includes(k) &&
      typeof r === 'string' &&
      typeof s === 'number' &&
      Number.isFinite(s) &&
      typeof n === 'number' &&
      Number.isInteger(n) &&
      n >= 0 &&
      n <= SEARCH_OFFSET_MAX
    ) {
      return { kind: k as SearchType, ref: r, score: s, given: n };
    }
  } catch {
    // Falls through to the problem below.
  }
  throw invalidQueryParameter('cursor', 'is not a cursor this search gave out: start without it.');
}

const search: FastifyPluginAsync = async (app) => {
  app.get<{ Querystring: SearchQuerystring }>(
    '/api/search',
    {
      schema: {
        summary:
          'Ranked full-text search across articles, claims, notes and evidence, a page at a ' +
          'time; archived articles only with archived=1; snippets with highlight offsets',
        querystring: searchQuerystring,
        response: { 200: searchPageSchema, ...errorResponses },
      },
    },
    async (request): Promise<SearchPage> => {
      const query = request.query;
      const terms = parseSearchQuery(query.q);
      if (terms.length === 0) {
        throw invalidQueryParameter('q', 'must hold at least one word.');
      }
      if (terms.length > SEARCH_TERMS_MAX) {
        throw invalidQueryParameter('q', `may hold at most ${SEARCH_TERMS_MAX} words and phrases.`);
      }
      const types = typesOf(query.type);
      const limit = query.limit ?? SEARCH_PAGE_DEFAULT;
      const after = query.cursor !== undefined ? decodeSearchCursor(query.cursor) : undefined;
      const { items, next } = await searchEverything(app.db, {
        terms,
        types,
        archived: query.archived === '1',
        limit,
        ...(after ? { after } : {}),
      });
      const given = (after?.given ?? 0) + items.length;
      return {
        items,
        nextCursor:
          next !== null && given <= SEARCH_OFFSET_MAX
            ? encodeSearchCursor({ ...next, given })
            : null,
      };
    },
  );
};

export default search;
