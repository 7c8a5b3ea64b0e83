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
