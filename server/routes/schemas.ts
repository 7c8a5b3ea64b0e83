/** JSON Schemas shared by the routes: requests are validated, responses serialised, OpenAPI generated. */
import { CLAIM_KINDS, CLAIMANT_TYPES, SOURCE_TYPES, STANCES } from '../../src/domain/claim';
import { DISPLAY_NAME_MAX_LENGTH } from '../../src/domain/people';
import { FIELD_LIMITS, PASSWORD_RULE, USERNAME_RULE } from '../../src/domain/requests';
import { VERDICTS } from '../../src/domain/verdicts';
import { ACTIONS, DISMISS_REASONS, ROLES, STAGES } from '../../src/domain/workflow';

const nullable = (schema: { type: string; enum?: readonly string[]; [key: string]: unknown }) => ({
  ...schema,
  type: [schema.type, 'null'],
  ...(schema.enum ? { enum: [...schema.enum, null] } : {}),
});
const countsOf = (keys: readonly string[]) => ({
  type: 'object',
  properties: Object.fromEntries(keys.map((k) => [k, { type: 'integer' }])),
  required: [...keys],
  additionalProperties: false,
});

/**
 * Human text: no control characters (tab and newlines aside) and no lone UTF-16
 * surrogates, which would corrupt exports; `required` also demands a visible
 * character, so that white space or invisible format characters (zero-width
 * space, joiners, Hangul fillers) cannot pass for a note or a rationale.
 */
const CLEAN = '[^\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F\\uD800-\\uDFFF]*';
/** Neither white space nor a format character (Cf) nor a Hangul filler. Ajv compiles with the `u` flag. */
export const VISIBLE_CHARACTER = '[^\\s\\p{Z}\\p{Cf}\\u115F\\u1160\\u3164\\uFFA0]';
// Linear on long text: one look-ahead anchored at the start, then one character class.
export function plainText(maxLength: number, required = true) {
  const visible = `(?=[\\s\\S]*${VISIBLE_CHARACTER})${CLEAN}`;
  return {
    type: 'string',
    maxLength,
    ...(required
      ? { minLength: 1, pattern: `^${visible}$` }
      : // Optional text may also be blank (it is then dropped), but not only invisible characters.
        { pattern: `^(?:${visible}|[\\t\\n\\r\\p{Z}]*)$` }),
  };
}

export const idParam = {
  type: 'string',
  minLength: 1,
  maxLength: 200,
  pattern: '^[A-Za-z0-9_.:-]+$',
};
/** The schema keyword (registered in config.ts) for the shared `isWebUrl`. */
export const WEB_URL_KEYWORD = 'x-web-url';

export const webUrl = {
  type: 'string',
  format: 'uri',
  maxLength: FIELD_LIMITS.url,
  pattern: '^[Hh][Tt][Tt][Pp][Ss]?://',
  // `format: uri` passes http://a:99999/ and http://1.2.3.256/, which no browser can open.
  [WEB_URL_KEYWORD]: true,
};

/** For routes that take no query parameters: any is refused by name, not ignored. */
export const noQuerystring = {
  type: 'object',
  properties: {},
  additionalProperties: false,
};

export const problemSchema = {
  $id: 'Problem',
  type: 'object',
  properties: {
    type: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    field: { type: 'string' },
    code: { type: 'string' },
  },
  required: ['title', 'status'],
  // 412 carries `current`, the claim as it now stands.
  additionalProperties: true,
} as const;

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

export const usernameSchema = { type: 'string', ...USERNAME_RULE };
export const passwordSchema = { type: 'string', ...PASSWORD_RULE };

/** The schema keyword (registered in config.ts) for the shared `cleanDisplayName`. */
export const DISPLAY_NAME_KEYWORD = 'x-display-name';

/** Trimmed by the route before it is stored; the keyword checks it as the dashboard does. */
export const displayNameSchema = {
  type: 'string',
  description: `How colleagues see the person: 1–${DISPLAY_NAME_MAX_LENGTH} characters once trimmed, no control characters`,
  [DISPLAY_NAME_KEYWORD]: true,
};

/** `reason` only goes with dismiss, `assignee` only with start (routes/claims.ts refuses others). */
export const transitionBodySchema = {
  type: 'object',
  properties: {
    action: { type: 'string', enum: [...ACTIONS] },
    note: plainText(FIELD_LIMITS.note, false),
    reason: { type: 'string', enum: [...DISMISS_REASONS] },
    assignee: { type: 'string', minLength: 1, maxLength: USERNAME_RULE.maxLength },
  },
  required: ['action'],
  additionalProperties: false,
};

/** A calendar day that exists (2024-02-29 yes, 2023-02-29 no), as YYYY-MM-DD. */
export const claimDateSchema = {
  type: 'string',
  format: 'date',
  pattern: '^\\d{4}-\\d{2}-\\d{2}$',
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

export const problemRef = { $ref: 'Problem#' };
/** Error responses every authenticated route can give. */
export const errorResponses = {
  400: problemRef,
  401: problemRef,
  403: problemRef,
  404: problemRef,
};
export { nullable };
