/**
 * A refusal in words a person reads. The server's problem documents (RFC 9457) name the
 * field at fault as a JSON Pointer into the request, in `field` and at the start of `detail`
 * ("/body/url must be an http:// or https:// link"): exact for API clients, who keep it.
 * People see the field's label instead ("Receiver URL must be …"), or no name at all when
 * the form shows the refusal beside that field. One rule for every screen that shows one.
 */
import type { ProblemDocument } from './desk';

/** Where in a request the server finds a field: the first step of its pointer. */
const REQUEST_PARTS = ['body', 'querystring', 'params', 'headers'] as const;

/**
 * A pointer as the server writes it in `detail`: `/body/op/dueAt`, `/headers/if-match`; not
 * the path of a link quoted in the text (`https://example.org/body/x`).
 */
const POINTER = `(?<![\\w/.:])/(?:${REQUEST_PARTS.join('|')})(?:/[\\w.~-]+)*`;
const FIELD_POINTER = new RegExp(POINTER, 'g');
/** The field a detail starts with, and the colon and space that part it from the rule. */
const LEADING_FIELD = new RegExp(`^(${POINTER}):?\\s*`);

/**
 * What a screen calls its fields, by pointer (`/body/url`) or by name (`url`). The empty
 * label means the refusal is shown beside the field, so the field is not named again.
 */
export type FieldLabels = Readonly<Record<string, string>>;

/** Names whose words alone would not say what the desk calls them. */
const DESK_LABELS: FieldLabels = {
  url: 'link',
  archivedUrl: 'archived link',
  accessedAt: 'access date',
  dueAt: 'due date',
  publishedAt: 'publication date',
  ids: 'selected claims',
  op: 'change',
  claimId: 'claim',
  repeatOf: 'earlier claim',
  'if-match': 'If-Match header',
  q: 'search words',
};

const isPosition = (step: string) => /^\d+$/.test(step);

/** "displayName" and "claimant_type" as words: "display name", "claimant type". */
function wordsOf(name: string): string {
  return name
    .replace(/([a-z\d])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .toLowerCase();
}

function nameLabel(name: string, labels: FieldLabels): string {
  return labels[name] ?? DESK_LABELS[name] ?? wordsOf(name);
}

/**
 * The words for one field: the screen's label, or the desk's, or the name's own words; an
 * entry of a list says which ("item 4 in claims", "statement of item 4 in claims"), and
 * of every list it is in ("link of item 1 in evidence of item 4 in claims").
 */
export function fieldLabel(pointer: string, labels: FieldLabels = {}): string {
  const own = labels[pointer];
  if (own !== undefined) {
    return own;
  }
  const steps = pointer.split('/').slice(2);
  const last = steps.length - 1;
  // From the field outwards: each list it sits in names the item ("of item 4 in claims").
  let label = isPosition(steps[last] ?? '') ? '' : nameLabel(steps[last] ?? '', labels);
  for (let step = last; step > 0; step--) {
    if (isPosition(steps[step])) {
      const item = `item ${Number(steps[step]) + 1} in ${nameLabel(steps[step - 1], labels)}`;
      label = label === '' ? item : `${label} of ${item}`;
    }
  }
  return label;
}

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * A problem's `detail` (or its title) for people: each field pointer becomes its label;
 * a leading field labelled '' is left out, with the colon that followed it (a field
 * labelled '' named elsewhere in the sentence reads as the desk calls it).
 */
export function problemWording(
  problem: Pick<ProblemDocument, 'title' | 'detail'>,
  labels: FieldLabels = {},
): string {
  const text = problem.detail ?? problem.title;
  const leading = LEADING_FIELD.exec(text);
  const rest = leading === null ? text : text.slice(leading[0].length);
  // "/body/start and /body/end must …" is about both: the first is named all the same.
  const shownBeside =
    leading !== null && fieldLabel(leading[1], labels) === '' && !/^and\s/.test(rest);
  const rule = shownBeside ? rest : text;
  const words = rule.replace(
    FIELD_POINTER,
    (pointer) => fieldLabel(pointer, labels) || fieldLabel(pointer),
  );
  // A sentence that began with a field's pointer begins with its words now.
  return leading === null ? words : capitalised(words);
}

/** A JSON Schema check a request failed, as the server's validator (Ajv) reports it. */
export interface SchemaCheck {
  readonly keyword?: string;
  readonly params: Readonly<Record<string, unknown>>;
}

const TYPE_WORDS: Readonly<Record<string, string>> = {
  integer: 'a whole number',
  number: 'a number',
  string: 'text',
  boolean: 'true or false',
  array: 'a list',
  object: 'an object',
  null: 'empty',
};

/** The patterns of the API's schemas, in words; others are described, not shown. */
function patternWording(pattern: string): string {
  if (/^\^(\\d|\[0-9\])\{4\}-\1\{2\}-\1\{2\}\$$/.test(pattern)) {
    return 'must be a date, such as 2026-05-04';
  }
  if (/^\^(\\d|\[0-9\])\{1,\d+\}\$$/.test(pattern)) {
    return 'must be a number';
  }
  const signs = /^\^\[A-Za-z0-9([^\]]*)\]\+\$$/.exec(pattern)?.[1];
  if (signs !== undefined) {
    return `may hold only letters, digits and ${[...signs.replace(/\\/g, '')].join(' ')}`;
  }
  if (pattern.startsWith('^[a-z]{2,3}')) {
    return 'must be a language code, such as en or pt-BR';
  }
  if (pattern.includes('\\u0000-\\u001F')) {
    return 'must not hold control characters';
  }
  return 'is not written in the form this field takes';
}

const count = (n: unknown, one: string, many = `${one}s`) => `${String(n)} ${n === 1 ? one : many}`;

/**
 * The rule a failed schema check stands for, in the words people read ("must be at most
 * 50", "is required"), rather than the validator's ("must be <= 50", "must have required
 * property 'limit'", a regular expression). The server writes it after the field's pointer.
 */
export function schemaRuleWording({ keyword, params }: SchemaCheck): string {
  const limit = params['limit'];
  switch (keyword) {
    case 'required':
      return 'is required';
    case 'additionalProperties':
      return 'is not a known field';
    case 'type': {
      const types = String(params['type'] ?? '').split(',');
      return `must be ${types.map((type) => TYPE_WORDS[type] ?? type).join(' or ')}`;
    }
    case 'minLength':
      return limit === 1 ? 'must not be empty' : `must be at least ${count(limit, 'character')}`;
    case 'maxLength':
      return `must be at most ${count(limit, 'character')}`;
    case 'minimum':
      return `must be at least ${String(limit)}`;
    case 'maximum':
      return `must be at most ${String(limit)}`;
    case 'exclusiveMinimum':
      return `must be more than ${String(limit)}`;
    case 'exclusiveMaximum':
      return `must be less than ${String(limit)}`;
    case 'minItems':
      return `must hold at least ${count(limit, 'item')}`;
    case 'maxItems':
      return `must hold at most ${count(limit, 'item')}`;
    case 'uniqueItems':
      return 'must not hold the same item twice';
    case 'minProperties':
      return `must hold at least ${count(limit, 'field')}`;
    case 'pattern':
      return patternWording(String(params['pattern'] ?? ''));
    case 'format':
      return params['format'] === 'date-time'
        ? 'must be a date and time, such as 2026-05-04T17:00:00Z'
        : params['format'] === 'date'
          ? 'must be a date, such as 2026-05-04'
          : `must be a valid ${String(params['format'])}`;
    case 'enum':
      return Array.isArray(params['allowedValues'])
        ? `must be one of: ${params['allowedValues'].filter((value) => value !== null).join(', ')}`
        : 'is not one of the values it takes';
    case 'const':
      return `must be ${JSON.stringify(params['allowedValue'])}`;
    default:
      return 'is not valid';
  }
}
