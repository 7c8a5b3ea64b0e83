import { Pipe, PipeTransform } from '@angular/core';
import { madeOnFirstUse } from '../made-on-first-use';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const dayMonth = madeOnFirstUse(
  () => new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short' }),
);
const dayMonthYear = madeOnFirstUse(
  () => new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric' }),
);

/** "just now", "5 min ago", "3 h ago", "2 d ago", then the date: short enough for a table cell. */
export function relativeTime(iso: string, now: number): string {
  const at = Date.parse(iso);
  if (Number.isNaN(at)) {
    return '';
  }
  const age = now - at;
  if (age < MINUTE) {
    return 'just now';
  }
  if (age < HOUR) {
    return `${Math.floor(age / MINUTE)} min ago`;
  }
  if (age < DAY) {
    return `${Math.floor(age / HOUR)} h ago`;
  }
  if (age < 7 * DAY) {
    return `${Math.floor(age / DAY)} d ago`;
  }
  const date = new Date(at);
  return (date.getFullYear() === new Date(now).getFullYear() ? dayMonth() : dayMonthYear()).format(
    date,
  );
}

/** Pure: recomputed only when the time or `now` (a minute tick) changes, not on every check. */
@Pipe({ name: 'ago' })
export class RelativeTimePipe implements PipeTransform {
  transform(iso: string, now: number): string {
    return relativeTime(iso, now);
  }
}
