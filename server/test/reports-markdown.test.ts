/**
 * The Markdown report's user text: an http(s) URL in a rationale or note is
 * an explicit autolink that ends where the URL does, so that the punctuation
 * after it stays text, and markdown-it (GitHub's CommonMark) and pandoc render
 * the same links.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import MarkdownIt from 'markdown-it';
import { escapeMarkdown } from '../reports/markdown';

const md = new MarkdownIt({ html: true });

/** Text with URLs where a careless autolinker takes the punctuation after them. */
const CASES: readonly { text: string; hrefs: readonly string[]; after: readonly string[] }[] = [
  {
    text: 'The ministry said so (see https://example.org/report_2024). It did not.',
    hrefs: ['https://example.org/report_2024'],
    after: [').'],
  },
  {
    text: 'Figures: https://example.org/wiki/Budget_(2024), then https://example.org/a?b=1&c=*2*!',
    // A trailing * is the sentence's, as for GitHub's autolinker.
    hrefs: ['https://example.org/wiki/Budget_(2024)', 'https://example.org/a?b=1&c=*2'],
    after: [',', '*!'],
  },
  {
    text: 'https://example.org/start: opens the note; "https://example.org/quoted".',
    hrefs: ['https://example.org/start', 'https://example.org/quoted'],
    after: [':', '".'],
  },
];

/** Each link's href and the first characters of the text after it, from rendered HTML. */
function links(html: string): { href: string; after: string }[] {
  const decode = (s: string) =>
    s
      .replace(/&quot;/g, '"')
      .replace(/&amp;/g, '&')
      .replace(/[“”]/g, '"');
  return [...html.matchAll(/<a href="([^"]*)"[^>]*>[^<]*<\/a>([^<\s]*)/g)].map((m) => ({
    href: decode(m[1]),
    after: decode(m[2]),
  }));
}

function expected(c: (typeof CASES)[number]) {
  return c.hrefs.map((href, i) => ({ href, after: c.after[i] }));
}

describe('Markdown report: URLs in user text', () => {
  it('autolinks a URL without the punctuation after it, in markdown-it', () => {
    for (const c of CASES) {
      const markdown = escapeMarkdown(c.text);
      for (const href of c.hrefs) {
        assert.ok(markdown.includes(`<${href}>`), `${markdown} links ${href} explicitly`);
      }
      const html = md.render(markdown);
      assert.deepEqual(links(html), expected(c), html);
    }
  });

  it('keeps URLs in a multi-line note inside its list item', () => {
    const markdown = `- note: ${escapeMarkdown('First line https://example.org/x.\nhttps://example.org/y, second', '  ')}`;
    const html = md.render(markdown);
    assert.equal((html.match(/<li>/g) ?? []).length, 1, html);
    assert.deepEqual(links(html), [
      { href: 'https://example.org/x', after: '.' },
      { href: 'https://example.org/y', after: ',' },
    ]);
  });

  it('renders the same links in pandoc', (t) => {
    const version = spawnSync('pandoc', ['--version'], { encoding: 'utf8' });
    if (version.error || version.status !== 0) {
      t.skip('pandoc is not installed (npm test installs it as root): not checked');
      return;
    }
    for (const c of CASES) {
      const markdown = escapeMarkdown(c.text);
      const pandoc = spawnSync('pandoc', ['-f', 'markdown', '-t', 'html', '--wrap=none'], {
        input: markdown,
        encoding: 'utf8',
      });
      assert.equal(pandoc.status, 0, pandoc.stderr);
      assert.deepEqual(links(pandoc.stdout), expected(c), pandoc.stdout);
      assert.deepEqual(links(pandoc.stdout), links(md.render(markdown)));
    }
  });
});
