import { insertMention, mentionQueryAt, notePieces, suggestPeople } from './mentions';
import { activePeople, person } from './fixtures.spec';

const people = [...activePeople, person('old.sam', 'Sam Dane', true)];

describe('mentionQueryAt', () => {
  it('finds the @ being typed, at the start, after a space, a bracket or a line break', () => {
    expect(mentionQueryAt('@', 1)).toEqual({ start: 0, query: '' });
    expect(mentionQueryAt('ask @da', 7)).toEqual({ start: 4, query: 'da' });
    expect(mentionQueryAt('(@eli', 5)).toEqual({ start: 1, query: 'eli' });
    expect(mentionQueryAt('line\n@Co', 8)).toEqual({ start: 5, query: 'Co' });
  });

  it('ignores an e-mail address, a finished mention and text after the caret', () => {
    expect(mentionQueryAt('dana@example', 12)).toBeNull();
    expect(mentionQueryAt('@dana have', 10)).toBeNull();
    expect(mentionQueryAt('@dana have', 5)).toEqual({ start: 0, query: 'dana' });
    expect(mentionQueryAt('no at here', 10)).toBeNull();
  });
});

describe('suggestPeople', () => {
  it('offers active people by username or any word of the display name, accents aside', () => {
    expect(suggestPeople(people, '').map((p) => p.username)).toEqual(['cora', 'dana', 'eli']);
    expect(suggestPeople(people, 'da').map((p) => p.username)).toEqual(['dana', 'cora']);
    expect(suggestPeople(people, 'STAHL').map((p) => p.username)).toEqual(['eli']);
    expect(suggestPeople(people, 'sam')).toEqual([]);
    expect(suggestPeople(people, 'x')).toEqual([]);
    expect(suggestPeople(people, '', 2).length).toBe(2);
  });
});

describe('insertMention', () => {
  it('replaces what was typed after @ with the username and a space, caret after it', () => {
    const text = 'ask @el about it';
    expect(insertMention(text, 7, { start: 4, query: 'el' }, 'eli')).toEqual({
      text: 'ask @eli about it',
      caret: 9,
    });
    expect(insertMention('@', 1, { start: 0, query: '' }, 'dana')).toEqual({
      text: '@dana ',
      caret: 6,
    });
  });
});

describe('notePieces', () => {
  const names = new Map([
    ['eli', 'Eli Ståhl'],
    ['dana', 'Dana Reyes'],
  ]);

  it('shows each mentioned username as the person’s display name', () => {
    expect(notePieces('@eli have a look, (@dana).', ['eli', 'dana'], names)).toEqual([
      { text: 'Eli Ståhl', username: 'eli' },
      { text: ' have a look, (' },
      { text: 'Dana Reyes', username: 'dana' },
      { text: ').' },
    ]);
  });

  it('leaves unknown names, names the server did not take, and e-mail addresses as written', () => {
    expect(notePieces('@nobody and @dana and eli@x.org', ['eli'], names)).toEqual([
      { text: '@nobody and @dana and eli@x.org' },
    ]);
    expect(notePieces('<b>@eli</b>', [], names)).toEqual([{ text: '<b>@eli</b>' }]);
  });

  it('keeps the username when the display name is not known yet', () => {
    expect(notePieces('cc @eli.', ['eli'], new Map())).toEqual([
      { text: 'cc ' },
      { text: '@eli', username: 'eli' },
      { text: '.' },
    ]);
  });
});
