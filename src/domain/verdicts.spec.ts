import {
  BEST_RATING,
  VERDICTS,
  VERDICT_DEFINITIONS,
  WORST_RATING,
  schemaOrgRating,
} from './verdicts';

describe('verdicts', () => {
  it('gives every verdict a label and a colour token', () => {
    for (const verdict of VERDICTS) {
      const definition = VERDICT_DEFINITIONS[verdict];
      expect(definition.verdict).toBe(verdict);
      expect(definition.label).toMatch(/^[A-Z]/);
      expect(definition.colorToken).toMatch(/^[a-z-]+$/);
    }
  });

  it('maps scaled verdicts to a rating within explicit bounds, truer is higher', () => {
    expect(schemaOrgRating('true')).toEqual({
      '@type': 'Rating',
      alternateName: 'True',
      ratingValue: 5,
      worstRating: 1,
      bestRating: 5,
    });
    const order = ['false', 'mostly_false', 'mixed', 'mostly_true', 'true'] as const;
    const values = order.map((verdict) => schemaOrgRating(verdict).ratingValue ?? NaN);
    expect(values).toEqual([1, 2, 3, 4, 5]);
    for (const value of values) {
      expect(value).toBeGreaterThanOrEqual(WORST_RATING);
      expect(value).toBeLessThanOrEqual(BEST_RATING);
    }
  });

  it('gives only alternateName where the verdict has no place on the scale', () => {
    expect(schemaOrgRating('unproven')).toEqual({ '@type': 'Rating', alternateName: 'Unproven' });
    expect(schemaOrgRating('misleading')).toEqual({
      '@type': 'Rating',
      alternateName: 'Misleading',
    });
  });
});
