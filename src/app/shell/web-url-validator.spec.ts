import { FormControl } from '@angular/forms';
import { webUrlValidator } from './web-url-validator';

describe('webUrlValidator', () => {
  const check = (value: string | null) => webUrlValidator(new FormControl(value));

  it('accepts http and https links, with white space around them, and nothing at all', () => {
    expect(check('https://www.un.org/x')).toBeNull();
    expect(check('http://example.org')).toBeNull();
    expect(check('  https://www.un.org/x  ')).toBeNull();
    expect(check('')).toBeNull();
    expect(check('   ')).toBeNull();
    expect(check(null)).toBeNull();
  });

  it('refuses other schemes, and what the shared rule refuses', () => {
    expect(check('javascript:alert(1)')).toEqual({ webUrl: true });
    expect(check('data:text/html,<b>x</b>')).toEqual({ webUrl: true });
    expect(check('ftp://example.org/file')).toEqual({ webUrl: true });
    expect(check('example.org')).toEqual({ webUrl: true });
    // The shared rule (src/domain/claim.ts): no white space inside, a host with a letter or digit.
    expect(check('https://www.un.org/a b')).toEqual({ webUrl: true });
    expect(check('http://./')).toEqual({ webUrl: true });
  });
});
