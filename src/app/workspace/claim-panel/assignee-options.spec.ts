import { Role } from '../../../domain/workflow';
import { assigneeOptions } from './assignee-options';

describe('assigneeOptions', () => {
  const someone = (username: string, displayName: string, role: Role, disabled = false) => ({
    username,
    displayName,
    role,
    disabled,
    createdAt: '2026-11-01T09:00:00Z',
  });
  const people = [
    someone('al', 'Al Admin', 'admin'),
    someone('zoe', 'Zoë Brandt', 'fact_checker'),
    someone('gus', 'Gus Ferreira', 'fact_checker', true),
    someone('bo', 'bo Chen', 'editor'),
    someone('ada', 'Ada Admin', 'admin'),
    someone('casey', 'Casey Ng', 'fact_checker'),
  ];
  const names = (options: { name: string }[]) => options.map((option) => option.name);

  it('lists active fact-checkers and editors first, then the rest, each by display name', () => {
    expect(names(assigneeOptions(people, null, new Map()))).toEqual([
      'bo Chen',
      'Casey Ng',
      'Zoë Brandt',
      'Ada Admin',
      'Al Admin',
    ]);
  });

  it('keeps the current assignee first even when disabled or unknown, so the select never shows blank', () => {
    expect(names(assigneeOptions(people, 'gus', new Map([['gus', 'Gus F.']])))[0]).toBe('Gus F.');
    expect(assigneeOptions(people, 'dana', new Map())[0]).toEqual({
      username: 'dana',
      name: 'dana',
    });
    expect(names(assigneeOptions(people, 'casey', new Map()))[0]).toBe('bo Chen');
  });
});
