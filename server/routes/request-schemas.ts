/**
 * The rules a request's fields are validated by, as JSON Schema: human text, ids, links,
 * names and passwords, a workflow action, a calendar day. Limits come from src/domain, so
 * the dashboard checks the same.
 */
import { DISPLAY_NAME_MAX_LENGTH } from '../../src/domain/people';
import { FIELD_LIMITS, PASSWORD_RULE, USERNAME_RULE } from '../../src/domain/requests';
import { ACTIONS, DISMISS_REASONS } from '../../src/domain/workflow';

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

/** The path parameters of a route: each named one required, no other. */
export function pathParams(properties: Readonly<Record<string, object>>) {
  return {
    type: 'object',
    properties,
    required: Object.keys(properties),
    additionalProperties: false,
  };
}

/** The path parameters of a route under `/:id` (an article, a webhook …): that id alone. */
export const idPathParams = pathParams({ id: idParam });
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
