/**
 * Verdicts: what a check concluded, kept apart from the workflow stage.
 *
 * Each verdict maps to a schema.org Rating for ClaimReview. `alternateName` is
 * always given (it is what search engines show). A numeric `ratingValue` is
 * given only where the verdict sits on the truth scale from 1 (false) to 5
 * (true): "misleading" judges framing rather than truth and "unproven" means no
 * conclusion, so neither is forced onto the scale.
 */
export const VERDICTS = [
  'true',
  'mostly_true',
  'mixed',
  'misleading',
  'mostly_false',
  'false',
  'unproven',
] as const;
export type Verdict = (typeof VERDICTS)[number];

export const WORST_RATING = 1;
export const BEST_RATING = 5;

export interface VerdictDefinition {
  readonly verdict: Verdict;
  readonly label: string;
  /** Name of the CSS custom property suffix: `--cd-verdict-<token>`. */
  readonly colorToken: string;
  /** Place on the 1-5 truth scale, or null where the verdict has none. */
  readonly ratingValue: number | null;
  readonly description: string;
}

export const VERDICT_DEFINITIONS: Readonly<Record<Verdict, VerdictDefinition>> = {
  true: {
    verdict: 'true',
    label: 'True',
    colorToken: 'true',
    ratingValue: 5,
    description: 'Accurate, with nothing significant missing.',
  },
  mostly_true: {
    verdict: 'mostly_true',
    label: 'Mostly true',
    colorToken: 'mostly-true',
    ratingValue: 4,
    description: 'Accurate but needs clarification or additional information.',
  },
  mixed: {
    verdict: 'mixed',
    label: 'Mixed',
    colorToken: 'mixed',
    ratingValue: 3,
    description: 'Partly accurate, partly not.',
  },
  misleading: {
    verdict: 'misleading',
    label: 'Misleading',
    colorToken: 'misleading',
    ratingValue: null,
    description: 'Contains accurate elements but gives a false impression.',
  },
  mostly_false: {
    verdict: 'mostly_false',
    label: 'Mostly false',
    colorToken: 'mostly-false',
    ratingValue: 2,
    description: 'Contains an element of truth but ignores critical facts.',
  },
  false: {
    verdict: 'false',
    label: 'False',
    colorToken: 'false',
    ratingValue: 1,
    description: 'Not accurate.',
  },
  unproven: {
    verdict: 'unproven',
    label: 'Unproven',
    colorToken: 'unproven',
    ratingValue: null,
    description: 'The evidence available does not settle it either way.',
  },
};

/** A schema.org Rating as ClaimReview's `reviewRating` expects it. */
export interface SchemaOrgRating {
  readonly '@type': 'Rating';
  readonly alternateName: string;
  readonly ratingValue?: number;
  readonly worstRating?: number;
  readonly bestRating?: number;
}

export function schemaOrgRating(verdict: Verdict): SchemaOrgRating {
  const definition = VERDICT_DEFINITIONS[verdict];
  if (definition.ratingValue === null) {
    return { '@type': 'Rating', alternateName: definition.label };
  }
  return {
    '@type': 'Rating',
    alternateName: definition.label,
    ratingValue: definition.ratingValue,
    worstRating: WORST_RATING,
    bestRating: BEST_RATING,
  };
}

export function isVerdict(value: unknown): value is Verdict {
  return typeof value === 'string' && (VERDICTS as readonly string[]).includes(value);
}
