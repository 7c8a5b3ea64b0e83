import { relativeTime } from './relative-time';

describe('relativeTime', () => {
  const now = Date.parse('2026-11-28T12:00:00.000Z');
  const ago = (ms: number) => relativeTime(new Date(now - ms).toISOString(), now);

  it('counts minutes, hours and days, then gives the date', () => {
    expect(ago(20_000)).toBe('just now');
    expect(ago(5 * 60_000)).toBe('5 min ago');
    expect(ago(3 * 3_600_000 + 59 * 60_000)).toBe('3 h ago');
    expect(ago(2 * 86_400_000)).toBe('2 d ago');
    expect(relativeTime('2026-10-03T12:00:00.000Z', now)).toBe('3 Oct');
    expect(relativeTime('2025-10-03T12:00:00.000Z', now)).toBe('3 Oct 2025');
  });

  it('says nothing for a time it cannot read', () => {
    expect(relativeTime('not a date', now)).toBe('');
  });
});
