import { EMPTY_FILTER, sameFilterBesidesQuery } from '../../domain/claim-filter';
import { Shortcut, shortcutOf } from './workspace-keys';

describe('workspace keys', () => {
  function pressOn(tag: string, key: string, init: KeyboardEventInit = {}): Shortcut | null {
    const target = document.createElement(tag);
    document.body.appendChild(target);
    const event = new KeyboardEvent('keydown', { key, bubbles: true, ...init });
    target.dispatchEvent(event);
    target.remove();
    return shortcutOf(event);
  }

  it('maps each key to its shortcut', () => {
    expect(['j', 'k', 'Enter', 'Escape', 'e', 'n', '/', '?'].map((k) => pressOn('div', k))).toEqual(
      ['next', 'previous', 'open', 'close', 'evidence', 'note', 'search', 'help'],
    );
    expect(pressOn('div', 'x')).toBeNull();
    expect(pressOn('div', 'constructor')).toBeNull();
  });

  it('leaves typing, modified keys and a control’s own Enter alone', () => {
    expect(pressOn('input', 'j')).toBeNull();
    expect(pressOn('textarea', '/')).toBeNull();
    expect(pressOn('div', 'j', { ctrlKey: true })).toBeNull();
    expect(pressOn('button', 'Enter')).toBeNull();
    expect(pressOn('mark', 'Enter')).toBeNull();
    expect(pressOn('button', 'j')).toBe('next');
  });

  it('compares filters by value, whatever lists they were made with', () => {
    const a = { ...EMPTY_FILTER, stages: ['new' as const], query: 'a' };
    expect(sameFilterBesidesQuery(a, { ...a, stages: ['new'], query: 'b' })).toBeTrue();
    expect(sameFilterBesidesQuery(a, { ...a, stages: ['new', 'approved'] })).toBeFalse();
    expect(sameFilterBesidesQuery(a, { ...a, descending: true })).toBeFalse();
  });
});
