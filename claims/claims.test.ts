// The claims/ article files: each one against article.schema.json, and what a
// schema cannot check: quotes at their offsets, unique ids, no duplicate
// claims, headings that are whole lines, and the seed text byte for byte.
//   node --import tsx --test claims/claims.test.ts
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import Ajv2020 from 'ajv/dist/2020.js';
import type { ErrorObject } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { ArticleFile } from '../src/domain/article-file';

const CLAIMS_DIR = new URL('./', import.meta.url);
const SCHEMA_FILE = 'article.schema.json';
const SEED_ARTICLE_ID = 'putin-north-korea-visit';
const SEED_TEXT = new URL('../../shared/seed/article.txt', import.meta.url);

const schema = JSON.parse(readFileSync(new URL(SCHEMA_FILE, CLAIMS_DIR), 'utf8')) as object;
const ajv = new Ajv2020({ allErrors: true, strict: true });
addFormats(ajv);
const validate = ajv.compile<ArticleFile>(schema);

const articleFiles = readdirSync(CLAIMS_DIR)
  .filter((name) => name.endsWith('.json') && name !== SCHEMA_FILE)
  .sort();

function describeErrors(errors: readonly ErrorObject[] | null | undefined): string {
  return (errors ?? [])
    .map((e) => `  ${e.instancePath || '/'} ${e.message ?? e.keyword} ${JSON.stringify(e.params)}`)
    .join('\n');
}

function readJson(name: string): unknown {
  return JSON.parse(readFileSync(new URL(name, CLAIMS_DIR), 'utf8')) as unknown;
}

/** Parses and schema-validates an article file; fails the test with ajv's errors otherwise. */
function load(name: string): ArticleFile {
  const data = readJson(name);
  if (!validate(data)) {
    assert.fail(
      `claims/${name} does not match ${SCHEMA_FILE}:\n${describeErrors(validate.errors)}`,
    );
  }
  return data;
}

const normalise = (statement: string): string =>
  statement.toLowerCase().replace(/\s+/g, ' ').trim();

describe('claims/ article files', () => {
  it('holds at least one article file, the seed article among them', () => {
    assert.ok(articleFiles.length > 0, 'no article files (*.json) in claims/');
    const ids = articleFiles.map((name) => load(name).article.id);
    assert.ok(
      ids.includes(SEED_ARTICLE_ID),
      `no file in claims/ holds the seed article "${SEED_ARTICLE_ID}"`,
    );
  });

  for (const name of articleFiles) {
    describe(`claims/${name}`, () => {
      it('matches the schema', () => {
        load(name);
      });

      it('quotes every claim at its offsets', () => {
        const { article, claims } = load(name);
        for (const c of claims) {
          assert.ok(
            c.start < c.end && c.end <= article.text.length,
            `${c.id}: offsets ${c.start}..${c.end} lie outside the text (length ${article.text.length})`,
          );
          assert.equal(article.text.slice(c.start, c.end), c.quote, `${c.id}: quote vs offsets`);
        }
      });

      it('lists claims in article order', () => {
        const { claims } = load(name);
        claims.forEach((c, i) => {
          const next = claims[i + 1];
          if (next) {
            assert.ok(
              c.start < next.start || (c.start === next.start && c.end <= next.end),
              `${next.id} (at ${next.start}) comes before ${c.id} (at ${c.start}) in the text`,
            );
          }
        });
      });

      it('gives every claim its own id', () => {
        const seen = new Set<string>();
        for (const c of load(name).claims) {
          assert.ok(!seen.has(c.id), `claim id ${c.id} is used twice`);
          seen.add(c.id);
        }
      });

      it('has no duplicate claims (same span or same statement)', () => {
        const spans = new Map<string, string>();
        const statements = new Map<string, string>();
        for (const c of load(name).claims) {
          const span = `${c.start}:${c.end}`;
          const sameSpan = spans.get(span);
          assert.equal(sameSpan, undefined, `${c.id} has the same span as ${sameSpan}`);
          spans.set(span, c.id);
          const statement = normalise(c.statement);
          const sameStatement = statements.get(statement);
          assert.equal(
            sameStatement,
            undefined,
            `${c.id} has the same statement as ${sameStatement}`,
          );
          statements.set(statement, c.id);
        }
      });

      it('marks headings that are whole lines of the text, quoted at their offsets', () => {
        const { text, headings } = load(name).article;
        const lines = text.split('\n');
        let previousLine = -1;
        for (const h of headings) {
          const label = `heading on line ${h.line} ("${h.text}")`;
          assert.equal(text.slice(h.start, h.end), h.text, `${label}: text vs offsets`);
          assert.ok(h.line > previousLine, `${label}: headings out of order or repeated`);
          previousLine = h.line;
          assert.equal(lines[h.line], h.text, `${label}: is not line ${h.line} of the text`);
          const lineStart = lines.slice(0, h.line).reduce((sum, l) => sum + l.length + 1, 0);
          assert.equal(h.start, lineStart, `${label}: does not start where its line starts`);
          assert.ok(h.start === 0 || text[h.start - 1] === '\n', `${label}: starts mid-line`);
          assert.ok(h.end === text.length || text[h.end] === '\n', `${label}: ends mid-line`);
        }
      });

      it('keeps claims out of headings', () => {
        const { article, claims } = load(name);
        for (const c of claims) {
          for (const h of article.headings) {
            assert.ok(
              c.end <= h.start || c.start >= h.end,
              `${c.id} (${c.start}..${c.end}) overlaps the heading "${h.text}"`,
            );
          }
        }
      });

      it('holds the seed text byte for byte (seed article only)', (t) => {
        const { article } = load(name);
        if (article.id !== SEED_ARTICLE_ID) {
          t.diagnostic(`not the seed article (${article.id}): nothing to compare`);
          return;
        }
        const seedPath = fileURLToPath(SEED_TEXT);
        assert.ok(
          existsSync(SEED_TEXT),
          `the seed article text is missing: expected it at ${seedPath}. ` +
            `claims/${name} is checked against it byte for byte, so it must be present.`,
        );
        const expected = readFileSync(SEED_TEXT);
        const actual = Buffer.from(article.text, 'utf8');
        if (!actual.equals(expected)) {
          let at = 0;
          while (at < actual.length && at < expected.length && actual[at] === expected[at]) at++;
          assert.fail(
            `claims/${name}: article.text differs from ${seedPath} at byte ${at} ` +
              `(${actual.length} bytes vs ${expected.length}): ` +
              `${JSON.stringify(actual.subarray(at, at + 40).toString('utf8'))} vs ` +
              `${JSON.stringify(expected.subarray(at, at + 40).toString('utf8'))}`,
          );
        }
      });
    });
  }
});

describe(SCHEMA_FILE, () => {
  const good = (): Record<string, unknown> => ({
    $schema: './article.schema.json',
    formatVersion: 1,
    article: {
      id: 'sample-article',
      headline: 'A sample',
      outlet: null,
      url: 'https://example.org/sample',
      publishedAt: '2024-06-17',
      language: 'en',
      text: 'Heading\nThe sky is green.',
      headings: [{ line: 0, start: 0, end: 7, text: 'Heading' }],
    },
    claims: [
      {
        id: 'sam-001',
        quote: 'The sky is green',
        start: 8,
        end: 24,
        statement: 'The sky is green.',
        kind: 'figure',
        stage: 'new',
        verdict: null,
        rationale: null,
        assignee: null,
        evidence: [
          {
            id: 'ev-1',
            url: 'https://example.org/sky',
            title: 'Sky colours',
            publisher: 'Example',
            stance: 'refutes',
            sourceType: 'secondary',
            quote: null,
            archivedUrl: null,
            accessedAt: '2024-06-18',
          },
        ],
        notes: [
          {
            id: 'n-1',
            author: 'casey',
            text: 'Looks doubtful.',
            createdAt: '2024-06-18T09:30:00Z',
          },
        ],
      },
    ],
  });

  /** The first claim of a document made by good(), to mutate in place. */
  function firstClaim(doc: Record<string, unknown>): Record<string, unknown> {
    const claims = doc['claims'];
    assert.ok(Array.isArray(claims));
    const claim: unknown = claims[0];
    assert.ok(typeof claim === 'object' && claim !== null);
    return claim as Record<string, unknown>;
  }

  function rejects(
    doc: Record<string, unknown>,
    expected: { keyword: string; instancePath: string; missingProperty?: string },
  ): void {
    assert.equal(validate(doc), false, 'the schema accepted a bad document');
    const errors = validate.errors ?? [];
    assert.ok(
      errors.some(
        (e) =>
          e.keyword === expected.keyword &&
          e.instancePath === expected.instancePath &&
          (expected.missingProperty === undefined ||
            (e.params as { missingProperty?: unknown }).missingProperty ===
              expected.missingProperty),
      ),
      `expected a "${expected.keyword}" error at ${expected.instancePath}, got:\n${describeErrors(errors)}`,
    );
  }

  it('accepts a well-formed document (the control for the cases below)', () => {
    const doc = good();
    assert.ok(validate(doc), describeErrors(validate.errors));
  });

  it('rejects a claim without a quote', () => {
    const doc = good();
    delete firstClaim(doc)['quote'];
    rejects(doc, { keyword: 'required', instancePath: '/claims/0', missingProperty: 'quote' });
  });

  it('rejects a kind outside the enum', () => {
    const doc = good();
    firstClaim(doc)['kind'] = 'rumour';
    rejects(doc, { keyword: 'enum', instancePath: '/claims/0/kind' });
  });

  it('rejects a negative start', () => {
    const doc = good();
    firstClaim(doc)['start'] = -1;
    rejects(doc, { keyword: 'minimum', instancePath: '/claims/0/start' });
  });

  it('rejects unknown properties at every level', () => {
    const top = good();
    top['extra'] = true;
    rejects(top, { keyword: 'additionalProperties', instancePath: '' });

    const claim = good();
    firstClaim(claim)['confidence'] = 0.9;
    rejects(claim, { keyword: 'additionalProperties', instancePath: '/claims/0' });

    const article = good();
    const meta = article['article'];
    assert.ok(typeof meta === 'object' && meta !== null);
    (meta as Record<string, unknown>)['author'] = 'Someone';
    rejects(article, { keyword: 'additionalProperties', instancePath: '/article' });
  });

  it('rejects an evidence link that is not http or https', () => {
    const doc = good();
    const evidence = firstClaim(doc)['evidence'];
    assert.ok(Array.isArray(evidence));
    const item: unknown = evidence[0];
    assert.ok(typeof item === 'object' && item !== null);
    (item as Record<string, unknown>)['url'] = 'javascript:alert(1)';
    rejects(doc, { keyword: 'pattern', instancePath: '/claims/0/evidence/0/url' });
  });

  it('takes history fields only as flat records of plain values', () => {
    const entry = (after: unknown) => {
      const doc = good();
      firstClaim(doc)['history'] = [
        {
          at: '2026-01-01T00:00:00Z',
          actor: 'dana',
          action: 'update',
          before: null,
          after,
          note: null,
          correction: false,
        },
      ];
      return doc;
    };
    assert.ok(validate(entry({ verdict: 'true', count: 2, done: false, gone: null, tags: ['a'] })));
    rejects(entry({ nested: { a: 1 } }), {
      keyword: 'type',
      instancePath: '/claims/0/history/0/after/nested',
    });
    rejects(entry({ text: 'x'.repeat(10_001) }), {
      keyword: 'maxLength',
      instancePath: '/claims/0/history/0/after/text',
    });
  });

  it('caps an article at 20,000 claims', () => {
    const doc = good();
    doc['claims'] = Array.from({ length: 20_001 }, () => firstClaim(good()));
    rejects(doc, { keyword: 'maxItems', instancePath: '/claims' });
  });
});
