import { cleanDisplayName, DISPLAY_NAME_MAX_LENGTH } from './people';

describe('cleanDisplayName', () => {
  it('keeps a name as typed, without the spaces around it', () => {
    expect(cleanDisplayName('Dana Reyes')).toBe('Dana Reyes');
    expect(cleanDisplayName('  Dana Reyes\u00a0 ')).toBe('Dana Reyes');
    expect(cleanDisplayName('Zoë Ó Briain-Ng 🙂')).toBe('Zoë Ó Briain-Ng 🙂');
    expect(cleanDisplayName('علي')).toBe('علي');
  });

  it(`counts characters as people do, up to ${DISPLAY_NAME_MAX_LENGTH}`, () => {
    expect(cleanDisplayName('a'.repeat(DISPLAY_NAME_MAX_LENGTH))).toHaveSize(
      DISPLAY_NAME_MAX_LENGTH,
    );
    expect(cleanDisplayName(` ${'a'.repeat(DISPLAY_NAME_MAX_LENGTH)} `)).not.toBeNull();
    expect(cleanDisplayName('a'.repeat(DISPLAY_NAME_MAX_LENGTH + 1))).toBeNull();
    // 100 emoji are 200 UTF-16 units but 100 characters.
    expect(cleanDisplayName('🙂'.repeat(DISPLAY_NAME_MAX_LENGTH))).not.toBeNull();
    expect(cleanDisplayName('🙂'.repeat(DISPLAY_NAME_MAX_LENGTH + 1))).toBeNull();
  });

  it('refuses nothing, white space, invisible characters and control characters', () => {
    for (const text of [
      '',
      '   ',
      '\u200b',
      '\u3164',
      'Dana\nReyes',
      'Dana\tReyes',
      '\nDana',
      'Dana\u0000',
      'Dana\u0085',
      'Dana \u202eseyeR',
      '\u2066Dana\u2069',
      'Dana\ud800',
    ]) {
      expect(cleanDisplayName(text)).withContext(JSON.stringify(text)).toBeNull();
    }
  });
});
