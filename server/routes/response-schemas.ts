/**
 * The shapes the API answers with, as JSON Schema: responses are serialised by them (no
 * field leaks that is not listed) and the OpenAPI document describes them.
 */
import { CLAIM_KINDS, CLAIMANT_TYPES, SOURCE_TYPES, STANCES } from '../../src/domain/claim';
import { CLAIM_ROW_FIELDS } from '../../src/domain/claim-rows';
import { VERDICTS } from '../../src/domain/verdicts';
import { DISMISS_REASONS, ROLES, STAGES } from '../../src/domain/workflow';

/** A field that may be null: its type (and its enum) take null as well. */
export const nullable = (schema: {
  type: string;
  enum?: readonly string[];
  [key: string]: unknown;
}) => ({
  ...schema,
  type: [schema.type, 'null'],
  ...(schema.enum ? { enum: [...schema.enum, null] } : {}),
});
/** Counts by key (stage, verdict …): every key present. */
const countsOf = (keys: readonly string[]) => ({
  type: 'object',
  properties: Object.fromEntries(keys.map((k) => [k, { type: 'integer' }])),
  required: [...keys],
  additionalProperties: false,
});

export const headingSchema = {
  type: 'object',
  properties: {
    line: { type: 'integer' },
    start: { type: 'integer' },
    end: { type: 'integer' },
    text: { type: 'string' },
  },
  required: ['line', 'start', 'end', 'text'],
  additionalProperties: false,
};

const articleSummaryProperties = {
  id: { type: 'string' },
  headline: { type: 'string' },
  outlet: nullable({ type: 'string' }),
  url: nullable({ type: 'string' }),
  publishedAt: nullable({ type: 'string' }),
  language: { type: 'string' },
  claimCount: { type: 'integer' },
  stageCounts: countsOf(STAGES),
  verdictCounts: countsOf([...VERDICTS, 'none']),
  createdAt: { type: 'string' },
  updatedAt: { type: 'string' },
  version: { type: 'integer' },
  archived: { type: 'boolean' },
};

export const articleSummarySchema = {
  type: 'object',
  properties: articleSummaryProperties,
  required: Object.keys(articleSummaryProperties),
  additionalProperties: false,
};

export const articleDetailSchema = {
  type: 'object',
  properties: {
    ...articleSummaryProperties,
    text: { type: 'string' },
    headings: { type: 'array', items: headingSchema },
  },
  required: [...Object.keys(articleSummaryProperties), 'text', 'headings'],
  additionalProperties: false,
};

const claimSummaryProperties = {
  id: { type: 'string' },
  articleId: { type: 'string' },
  quote: { type: 'string' },
  start: { type: 'integer' },
  end: { type: 'integer' },
  statement: { type: 'string' },
  kind: { type: 'string', enum: [...CLAIM_KINDS] },
  stage: { type: 'string', enum: [...STAGES] },
  verdict: nullable({ type: 'string', enum: [...VERDICTS] }),
  rationale: nullable({ type: 'string' }),
  assignee: nullable({ type: 'string' }),
  submittedBy: nullable({ type: 'string' }),
  dismissReason: nullable({ type: 'string', enum: [...DISMISS_REASONS] }),
  dueAt: nullable({ type: 'string' }),
  stageSince: { type: 'string' },
  claimant: nullable({ type: 'string' }),
  claimantType: { type: 'string', enum: [...CLAIMANT_TYPES] },
  claimDate: nullable({ type: 'string' }),
  summary: nullable({ type: 'string' }),
  evidenceCount: { type: 'integer' },
  noteCount: { type: 'integer' },
  repeatOf: nullable({ type: 'string', description: 'The original check this claim repeats' }),
  repeatCount: { type: 'integer', description: 'How many claims say they repeat this one' },
  version: { type: 'integer' },
  updatedAt: { type: 'string' },
  updatedBy: nullable({ type: 'string' }),
};

export const claimSummarySchema = {
  type: 'object',
  properties: claimSummaryProperties,
  required: Object.keys(claimSummaryProperties),
  additionalProperties: false,
};

/** An article's claims as rows (src/domain/claim-rows.ts): one array of values per claim. */
export const claimRowsSchema = {
  type: 'object',
  properties: {
    fields: {
      type: 'array',
      description: "The fields of each row, in order: a claim's but articleId",
      items: { type: 'string', enum: [...CLAIM_ROW_FIELDS] },
    },
    rows: {
      type: 'array',
      items: {
        type: 'array',
        items: CLAIM_ROW_FIELDS.map((field) =>
          field === 'quote'
            ? nullable({
                type: 'string',
                description: 'Null when the article text between start and end is the quote',
              })
            : claimSummaryProperties[field],
        ),
        minItems: CLAIM_ROW_FIELDS.length,
        additionalItems: false,
      },
    },
  },
  required: ['fields', 'rows'],
  additionalProperties: false,
};

/** A claim as the desk lists it across articles: the summary and its article's headline. */
export const deskClaimSchema = {
  type: 'object',
  properties: { ...claimSummaryProperties, articleHeadline: { type: 'string' } },
  required: [...Object.keys(claimSummaryProperties), 'articleHeadline'],
  additionalProperties: false,
};

export const deskPageSchema = {
  type: 'object',
  properties: {
    items: { type: 'array', items: deskClaimSchema },
    nextCursor: nullable({
      type: 'string',
      description: 'Pass as `cursor` for the next page; null on the last page',
    }),
    total: { type: 'integer', description: 'Claims that match, on every page together' },
  },
  required: ['items', 'nextCursor', 'total'],
  additionalProperties: false,
};

const evidenceProperties = {
  id: { type: 'string' },
  claimId: { type: 'string' },
  url: { type: 'string' },
  title: { type: 'string' },
  publisher: { type: 'string' },
  stance: { type: 'string', enum: [...STANCES] },
  sourceType: { type: 'string', enum: [...SOURCE_TYPES] },
  quote: nullable({ type: 'string' }),
  archivedUrl: nullable({ type: 'string' }),
  accessedAt: nullable({ type: 'string' }),
  createdAt: { type: 'string' },
  createdBy: { type: 'string' },
  adoptedFrom: nullable({ type: 'string', description: 'The claim it was adopted from' }),
};

export const evidenceSchema = {
  type: 'object',
  properties: evidenceProperties,
  required: Object.keys(evidenceProperties),
  additionalProperties: false,
};

const noteProperties = {
  id: { type: 'string' },
  claimId: { type: 'string' },
  author: { type: 'string' },
  authorRole: { type: 'string', enum: [...ROLES] },
  text: { type: 'string' },
  createdAt: { type: 'string' },
  deletedAt: nullable({ type: 'string' }),
  deletedBy: nullable({ type: 'string' }),
  mentions: { type: 'array', items: { type: 'string' } },
};

export const noteSchema = {
  type: 'object',
  properties: noteProperties,
  required: Object.keys(noteProperties),
  additionalProperties: false,
};

export const claimDetailSchema = {
  type: 'object',
  properties: {
    ...claimSummaryProperties,
    evidence: { type: 'array', items: evidenceSchema },
    notes: { type: 'array', items: noteSchema },
  },
  required: [...Object.keys(claimSummaryProperties), 'evidence', 'notes'],
  additionalProperties: false,
};

export const historyEntrySchema = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    claimId: { type: 'string' },
    at: { type: 'string' },
    actor: { type: 'string' },
    action: { type: 'string' },
    before: nullable({ type: 'object', additionalProperties: true }),
    after: nullable({ type: 'object', additionalProperties: true }),
    note: nullable({ type: 'string' }),
    correction: { type: 'boolean' },
    changes: {
      type: 'array',
      description:
        'The fields the entry changed, from and to (src/domain/history-changes.ts); empty for an entry that changed no field.',
      items: {
        type: 'object',
        properties: { field: { type: 'string' }, from: {}, to: {} },
        required: ['field', 'from', 'to'],
        additionalProperties: false,
      },
    },
  },
  required: [
    'id',
    'claimId',
    'at',
    'actor',
    'action',
    'before',
    'after',
    'note',
    'correction',
    'changes',
  ],
  additionalProperties: false,
};

export const userSchema = {
  type: 'object',
  properties: {
    username: { type: 'string' },
    displayName: { type: 'string' },
    role: { type: 'string', enum: [...ROLES] },
    disabled: { type: 'boolean' },
    createdAt: { type: 'string' },
  },
  required: ['username', 'displayName', 'role', 'disabled', 'createdAt'],
  additionalProperties: false,
};

/** What a bulk change (or its undo) did to each claim, in the order of the request's ids. */
export const bulkResponseSchema = {
  type: 'object',
  properties: {
    batchId: { type: 'string' },
    results: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          id: { type: 'string' },
          status: {
            type: 'integer',
            description: 'The HTTP status the same change alone would have had',
          },
          claim: claimSummarySchema,
          problem: { $ref: 'Problem#' },
        },
        required: ['id', 'status'],
        additionalProperties: false,
      },
    },
  },
  required: ['batchId', 'results'],
  additionalProperties: false,
};
