import { PublicUser } from '../../../domain/people';

/** Shared by the mention specs (no tests of its own). */
export function person(username: string, displayName: string, disabled = false): PublicUser {
  return {
    username,
    displayName,
    role: 'fact_checker',
    disabled,
    createdAt: '2026-11-01T09:00:00.000Z',
  };
}

/** Three active people; each spec adds a disabled one of its own. */
export const activePeople: readonly PublicUser[] = [
  person('dana', 'Dana Reyes'),
  person('eli', 'Eli Ståhl'),
  person('cora', 'Cora Dahl'),
];
