import { FIELD_LIMITS, isUsername, USERNAME_RULE } from './requests';

describe('request rules', () => {
  it('takes usernames of 2–64 lower-case letters, digits, dots, hyphens and underscores', () => {
    expect(isUsername('casey')).toBeTrue();
    expect(isUsername('dana.reyes-2')).toBeTrue();
    expect(isUsername('a')).toBeFalse();
    expect(isUsername('Casey')).toBeFalse();
    expect(isUsername('-casey')).toBeFalse();
    expect(isUsername('x'.repeat(USERNAME_RULE.maxLength + 1))).toBeFalse();
  });

  it('gives a note as much room as a rationale, and a statement less', () => {
    expect(FIELD_LIMITS.note).toBe(FIELD_LIMITS.rationale);
    expect(FIELD_LIMITS.statement).toBeLessThan(FIELD_LIMITS.rationale);
  });
});
