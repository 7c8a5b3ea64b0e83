import { isWebUrl } from './claim';

describe('isWebUrl', () => {
  it('accepts http and https links a browser can open', () => {
    for (const url of [
      'https://www.reuters.com/world/shells',
      'http://example.org',
      'https://[2001:db8::1]/report',
      'https://127.0.0.1:8080/x',
    ]) {
      expect(isWebUrl(url)).withContext(url).toBeTrue();
    }
  });

  it('refuses other schemes, hosts that lead nowhere, and hidden white space', () => {
    for (const url of [
      'javascript:alert(1)',
      'data:text/html,<b>x</b>',
      'ftp://example.org/file',
      'http://',
      'http://./',
      'http://:80/',
      'http://1.2.3.256/',
      'http://a:99999/',
      ' https://example.org',
      'https://exam\tple.org',
      'https://example.org/\n',
      'not a link',
    ]) {
      expect(isWebUrl(url)).withContext(url).toBeFalse();
    }
  });
});
