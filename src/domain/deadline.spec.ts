import { dueState, durationWords, shortDuration, timeInStageWords } from './deadline';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const now = Date.parse('2026-12-04T12:00:00Z');
const at = (offset: number) => new Date(now + offset).toISOString();

describe('deadline wording', () => {
  it('says how long in the largest whole unit, singular or plural', () => {
    expect(durationWords(2 * DAY + 5 * HOUR)).toBe('2 days');
    expect(durationWords(DAY)).toBe('1 day');
    expect(durationWords(HOUR)).toBe('1 hour');
    expect(durationWords(10_000)).toBe('1 minute');
    expect(shortDuration(3 * DAY)).toBe('3 d');
    expect(shortDuration(5 * HOUR)).toBe('5 h');
    expect(shortDuration(90_000)).toBe('1 min');
  });

  it('says a passed deadline in words: "Overdue by 2 days"', () => {
    expect(dueState({ dueAt: at(-2 * DAY - HOUR), stage: 'researching' }, now)).toEqual({
      overdue: true,
      words: 'Overdue by 2 days',
    });
  });

  it('says how long is left before the deadline, and nothing once the check is settled', () => {
    expect(dueState({ dueAt: at(5 * HOUR), stage: 'new' }, now)).toEqual({
      overdue: false,
      words: 'Due in 5 hours',
    });
    expect(dueState({ dueAt: at(-DAY), stage: 'approved' }, now)).toEqual({
      overdue: false,
      words: null,
    });
    expect(dueState({ dueAt: null, stage: 'new' }, now).words).toBeNull();
  });

  it('says how long the claim has been in its stage', () => {
    expect(timeInStageWords({ stage: 'in_review', stageSince: at(-3 * DAY) }, now)).toBe(
      'In review for 3 d',
    );
  });
});
