import { Role } from '../../../domain/workflow';
import { SessionUser } from '../../session/session-api';

export interface AssigneeOption {
  readonly username: string;
  readonly name: string;
}

/**
 * Active people, fact-checkers and editors first (the ones who do the work), each group by
 * display name; plus the current assignee even if since disabled, so the select never shows blank.
 */
export function assigneeOptions(
  people: readonly SessionUser[],
  current: string | null,
  displayNames: ReadonlyMap<string, string>,
): AssigneeOption[] {
  const rank = (role: Role) => (role === 'fact_checker' || role === 'editor' ? 0 : 1);
  const active = people
    .filter((person) => !person.disabled)
    .sort(
      (a, b) =>
        rank(a.role) - rank(b.role) ||
        a.displayName.localeCompare(b.displayName, undefined, { sensitivity: 'base' }) ||
        a.username.localeCompare(b.username),
    )
    .map((person) => ({ username: person.username, name: person.displayName }));
  return current && !active.some((person) => person.username === current)
    ? [{ username: current, name: displayNames.get(current) ?? current }, ...active]
    : active;
}
