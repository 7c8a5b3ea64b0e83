import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type Kysely, sql } from 'kysely';
import type { ArticleFile } from '../../src/domain/article-file';
import type {
  ArticleDetail,
  ArticleSummary,
  ClaimDetail,
  ClaimSummary,
  HistoryEntry,
  Note,
} from '../../src/domain/claim';
import { PROJECT_ROOT } from '../config';
import { isPostgres } from '../database/engine';
import type { Database } from '../database/schema';
import { plainText } from '../routes/schemas';
import { findHeadings, normaliseText, slugOf } from '../intake/pasted-text';
import type { ChangeEvent } from '../repositories/events';
import { Harness, json, SEED_ARTICLE, startApp, withCast } from './harness';

const SEED_FILE = join(PROJECT_ROOT, 'claims', `${SEED_ARTICLE}.json`);
const seedFile = () => JSON.parse(readFileSync(SEED_FILE, 'utf8')) as ArticleFile;

interface Problem {
  title: string;
  status: number;
  detail: string;
  field?: string;
}

/**
 * Collects the change events the app publishes from now on (the hub ends with the app). On
 * PostgreSQL a write is answered before the feed delivers its event: sync() waits for it.
 */
function recordEvents(h: Harness): ChangeEvent[] {
  const events: ChangeEvent[] = [];
  h.app.changes.subscribe((event) => events.push(event));
  return events;
}

const postArticle = (h: Harness, user: string, payload: unknown) =>
  h.as(user, { method: 'POST', url: '/api/articles', payload: payload as object });

/** A trigger that refuses a history entry whose action is `boom`, in each engine's words. */
async function refuseBoom(db: Kysely<Database>): Promise<void> {
  if (isPostgres(db)) {
    await sql`CREATE FUNCTION refuse_boom() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.after::jsonb ->> 'fileAction' = 'boom' THEN RAISE EXCEPTION 'refused'; END IF;
        RETURN NEW;
      END $$`.execute(db);
    await sql`CREATE TRIGGER refuse_boom BEFORE INSERT ON history
      FOR EACH ROW EXECUTE FUNCTION refuse_boom()`.execute(db);
    return;
  }
  await sql`CREATE TRIGGER refuse_boom BEFORE INSERT ON history
    WHEN NEW.after ->> '$.fileAction' = 'boom'
    BEGIN SELECT RAISE(ABORT, 'refused'); END`.execute(db);
}

async function allowBoom(db: Kysely<Database>): Promise<void> {
  if (isPostgres(db)) {
    await sql`DROP TRIGGER refuse_boom ON history`.execute(db);
    await sql`DROP FUNCTION refuse_boom()`.execute(db);
    return;
  }
  await sql`DROP TRIGGER refuse_boom`.execute(db);
}

describe('pasted text', () => {
  it('normalises line endings and trailing white space, and drops blank lines around the text', () => {
    assert.equal(
      normaliseText('\r\n  \nFirst line.  \r\nSecond\tline\t\rThird\n\n\n'),
      'First line.\nSecond\tline\nThird',
    );
  });

  it('finds the seed article’s headings in its text, exactly as claims/ lists them', () => {
    const file = seedFile();
    assert.deepEqual(findHeadings(file.article.text), file.article.headings);
  });

  it('finds a heading set apart by blank lines, a question heading, and one at the start', () => {
    const text = normaliseText(
      [
        'Budget talks',
        '',
        'The council met on Monday to discuss the budget for the coming year.',
        '',
        'What happens next?',
        '',
        'A final vote is planned for March, when the mayor returns from abroad.',
      ].join('\n'),
    );
    assert.deepEqual(
      findHeadings(text).map((h) => [h.line, h.text, text.slice(h.start, h.end)]),
      [
        [0, 'Budget talks', 'Budget talks'],
        [4, 'What happens next?', 'What happens next?'],
      ],
    );
  });

  it('takes no hard-wrapped line, list item, byline, last line or run of short lines for a heading', () => {
    const text = [
      'By Jane Smith',
      'The council met on Monday to discuss the budget and',
      'Housing costs',
      'which rose sharply last year, according to the statistics office.',
      '- Rents up 12 percent',
      '- Prices up 8 percent',
      'Short line one',
      'Short line two',
      'The mayor said the figures were worse than expected in every district.',
      'The end',
    ].join('\n');
    assert.deepEqual(findHeadings(text), []);
  });

  it('makes a slug of the headline: ASCII, hyphenated, short, never empty', () => {
    assert.equal(
      slugOf('Putin’s visit to North Korea: “risks”'),
      'putins-visit-to-north-korea-risks',
    );
    assert.equal(slugOf('Élection à Zürich — 2024'), 'election-a-zurich-2024');
    assert.equal(slugOf('Выборы в Москве'), 'article');
    const long = slugOf('word '.repeat(40));
    assert.ok(long.length <= 80 && !long.endsWith('-'), long);
  });
});

describe('POST /api/articles', () => {
  let h: Harness;
  let events: ChangeEvent[];

  before(async () => {
    h = await startApp();
    await withCast(h);
    events = recordEvents(h);
  });
  after(() => h.close());

  const pasted = {
    source: 'text',
    headline: '  Council   raises parking fees ',
    outlet: 'The Daily Example',
    url: 'https://news.example.org/council-fees',
    publishedAt: '2026-03-02',
    text: 'The city council voted 7–2 on Tuesday to raise parking fees by 15%.  \r\n\r\nWhat comes next\r\n\r\nMayor Linda Okafor said the money would fund 40 new buses.\r\n',
  };

  it('adds pasted text for an editor: 201 with the summary the article list shows, and an event', async () => {
    const response = await postArticle(h, 'dana', pasted);
    assert.equal(response.statusCode, 201, response.body);
    const summary = json<ArticleSummary>(response);
    assert.equal(summary.id, 'council-raises-parking-fees');
    assert.equal(summary.headline, 'Council raises parking fees');
    assert.equal(summary.language, 'en', 'language defaults to en');
    assert.equal(summary.claimCount, 0);
    const list = json<ArticleSummary[]>(await h.as('casey', { url: '/api/articles' }));
    assert.deepEqual(
      list.find((a) => a.id === summary.id),
      summary,
    );
    const detail = json<ArticleDetail>(await h.as('casey', { url: `/api/articles/${summary.id}` }));
    assert.equal(
      detail.text,
      'The city council voted 7–2 on Tuesday to raise parking fees by 15%.\n\nWhat comes next\n\nMayor Linda Okafor said the money would fund 40 new buses.',
    );
    const start = detail.text.indexOf('What comes next');
    assert.deepEqual(detail.headings, [
      { line: 2, start, end: start + 'What comes next'.length, text: 'What comes next' },
    ]);
    assert.equal(detail.outlet, 'The Daily Example');
    assert.equal(detail.url, pasted.url);
    assert.equal(detail.publishedAt, '2026-03-02');
    await h.app.changes.sync();
    const created = events.filter(
      (e) => e.type === 'article.created' && e.articleId === summary.id,
    );
    assert.equal(created.length, 1);
  });

  it('gives a second article with the same headline the next free slug', async () => {
    const second = await postArticle(h, 'ada', { ...pasted, language: 'en-GB' });
    assert.equal(second.statusCode, 201, second.body);
    assert.equal(json<ArticleSummary>(second).id, 'council-raises-parking-fees-2');
    assert.equal(json<ArticleSummary>(second).language, 'en-GB');
    const third = await postArticle(h, 'dana', pasted);
    assert.equal(json<ArticleSummary>(third).id, 'council-raises-parking-fees-3');
  });

  it('refuses a fact-checker with 403 and stores nothing', async () => {
    const before = json<ArticleSummary[]>(await h.as('casey', { url: '/api/articles' })).length;
    const response = await postArticle(h, 'casey', { ...pasted, headline: 'Checker article' });
    assert.equal(response.statusCode, 403);
    const after = json<ArticleSummary[]>(await h.as('casey', { url: '/api/articles' })).length;
    assert.equal(after, before);
  });

  it('answers 400 naming the field for a bad pasted article', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ source: 'text', text: 'Some text.' }, '/body/headline'],
      [{ ...pasted, url: 'javascript:alert(1)' }, '/body/url'],
      [{ ...pasted, publishedAt: '2.3.2026' }, '/body/publishedAt'],
      [{ ...pasted, text: '   \n  ' }, '/body/text'],
      [{ ...pasted, text: 'Bell \u0007 in the text.' }, '/body/text'],
      [{ ...pasted, language: 'English' }, '/body/language'],
      [{ ...pasted, author: 'someone' }, '/body/author'],
      [{ ...pasted, source: 'web' }, '/body/source'],
      [{ headline: 'No source', text: 'Text.' }, '/body/source'],
      [{ source: 'file' }, '/body/file'],
      [{ ...pasted, text: 'x'.repeat(200_001) }, '/body/text'],
    ];
    for (const [payload, field] of cases) {
      const response = await postArticle(h, 'dana', payload);
      assert.equal(response.statusCode, 400, `${field}: ${response.body}`);
      assert.match(String(response.headers['content-type']), /application\/problem\+json/);
      assert.equal(json<Problem>(response).field, field, response.body);
    }
  });

  it('imports a hand-written article file: claims with one import entry each, evidence and notes', async () => {
    const file = {
      formatVersion: 1,
      article: {
        id: 'hand-written',
        headline: 'A hand-written file',
        outlet: null,
        url: null,
        publishedAt: null,
        language: 'en',
        text: 'Heading\nThe minister said unemployment fell to 4% in May.',
        headings: [{ line: 0, start: 0, end: 7, text: 'Heading' }],
      },
      claims: [
        {
          id: 'hw-1',
          quote: 'unemployment fell to 4% in May',
          start: 26,
          end: 56,
          statement: 'Unemployment fell to 4% in May.',
          kind: 'figure',
          stage: 'new',
          verdict: null,
          rationale: null,
          assignee: null,
          evidence: [
            {
              id: 'hw-ev-1',
              url: 'https://stats.example.org/may',
              title: 'Labour market, May',
              publisher: 'Statistics office',
              stance: 'supports',
              sourceType: 'primary',
            },
          ],
          notes: [
            {
              id: 'hw-note-1',
              author: 'eli',
              text: 'Check the revision.',
              createdAt: '2026-01-02T10:00:00Z',
            },
          ],
        },
      ],
    };
    const response = await postArticle(h, 'dana', { source: 'file', file });
    assert.equal(response.statusCode, 201, response.body);
    assert.equal(json<ArticleSummary>(response).claimCount, 1);
    const claim = json<ClaimDetail>(await h.as('dana', { url: '/api/claims/hw-1' }));
    assert.equal(claim.version, 1);
    assert.equal(claim.updatedBy, 'dana');
    assert.deepEqual(
      claim.evidence.map((e) => [e.id, e.createdBy, e.publisher]),
      [['hw-ev-1', 'dana', 'Statistics office']],
    );
    assert.deepEqual(
      claim.notes.map((n) => [n.id, n.author, n.authorRole, n.text]),
      [
        [
          'hw-note-1',
          'dana',
          'editor',
          '[Imported by dana; the file gives it as a note by eli, 2026-01-02T10:00:00Z]\nCheck the revision.',
        ],
      ],
      'the importer’s note, saying whom the file names',
    );
    const history = json<HistoryEntry[]>(await h.as('dana', { url: '/api/claims/hw-1/history' }));
    assert.deepEqual(
      history.map((e) => [e.action, e.actor]),
      [['import', 'dana']],
    );
  });

  it('answers 400 naming the field of the article file by its JSON Pointer', async () => {
    const base = seedFile();
    const withArticle = (article: Record<string, unknown>) => ({
      ...base,
      article: { ...base.article, id: 'broken-copy', ...article },
    });
    const firstClaim = base.claims[0];
    const cases: [unknown, string][] = [
      [
        { ...base, article: { ...base.article, headline: undefined } },
        '/body/file/article/headline',
      ],
      [withArticle({ url: 'ftp://example.org/a' }), '/body/file/article/url'],
      [withArticle({ extra: true }), '/body/file/article/extra'],
      [
        { ...withArticle({}), claims: [{ ...firstClaim, quote: 'Not the text' }] },
        '/body/file/claims/0/quote',
      ],
      [
        { ...withArticle({}), claims: [{ ...firstClaim, stage: 'published' }] },
        '/body/file/claims/0/stage',
      ],
      [
        withArticle({
          headings: [
            { line: 1, start: 584, end: 631, text: base.article.headings[0].text.slice(1) },
          ],
        }),
        '/body/file/article/headings/0',
      ],
      [{ ...withArticle({}), formatVersion: 2 }, '/body/file/formatVersion'],
    ];
    for (const [file, field] of cases) {
      const response = await postArticle(h, 'dana', { source: 'file', file });
      assert.equal(response.statusCode, 400, `${field}: ${response.body}`);
      const problem = json<Problem>(response);
      assert.equal(problem.field, field, response.body);
      assert.ok(problem.detail.startsWith(field), problem.detail);
    }
    assert.equal((await h.as('dana', { url: '/api/articles/broken-copy' })).statusCode, 404);
  });

  it('refuses links a browser cannot open, naming the field, though `format: uri` allows them', async () => {
    const base = seedFile();
    const article = { ...base.article, id: 'bad-links' };
    const evidence = {
      id: 'ev-1',
      url: 'https://www.reuters.com/world/',
      title: 'Report',
      publisher: 'Reuters',
      stance: 'supports',
      sourceType: 'secondary',
      archivedUrl: null,
    };
    const withEvidence = (fields: Record<string, unknown>) => ({
      ...base,
      article,
      claims: [{ ...base.claims[0], evidence: [evidence, { ...evidence, id: 'ev-2', ...fields }] }],
    });
    const cases: [unknown, string][] = [
      [{ ...base, article: { ...article, url: 'http://a:99999/' } }, '/body/file/article/url'],
      [{ ...base, article: { ...article, url: 'http://./' } }, '/body/file/article/url'],
      [withEvidence({ url: 'http://a:99999/' }), '/body/file/claims/0/evidence/1/url'],
      [withEvidence({ url: 'http://1.2.3.256/' }), '/body/file/claims/0/evidence/1/url'],
      [
        withEvidence({ archivedUrl: 'http://a:99999/' }),
        '/body/file/claims/0/evidence/1/archivedUrl',
      ],
    ];
    for (const [file, field] of cases) {
      const response = await postArticle(h, 'dana', { source: 'file', file });
      assert.equal(response.statusCode, 400, `${field}: ${response.body}`);
      const problem = json<Problem>(response);
      assert.equal(problem.field, field, response.body);
      assert.equal(
        problem.detail,
        `${field} must be an http:// or https:// link with a valid host name`,
      );
    }
    assert.equal((await h.as('dana', { url: '/api/articles/bad-links' })).statusCode, 404);
  });

  it('refuses control characters in an article file’s text as the API does elsewhere: 400 naming the field, nothing stored', async () => {
    const base = seedFile();
    const article = { ...base.article, id: 'control-chars' };
    const claim = base.claims[0];
    const withClaim = (fields: Record<string, unknown>) => ({
      ...base,
      article,
      claims: [{ ...claim, ...fields }],
    });
    const cases: [unknown, string][] = [
      [withClaim({ statement: 'The council\u0000 voted' }), '/body/file/claims/0/statement'],
      [withClaim({ rationale: 'Checked\u0007 twice' }), '/body/file/claims/0/rationale'],
      [withClaim({ claimant: 'Linda\u001B Okafor' }), '/body/file/claims/0/claimant'],
      [{ ...base, article: { ...article, headline: 'Bell\u0007' } }, '/body/file/article/headline'],
      [
        { ...base, article: { ...article, text: `${article.text}\u0000` } },
        '/body/file/article/text',
      ],
      [
        { ...base, article: { ...article, outlet: 'Lone \uD800 surrogate' } },
        '/body/file/article/outlet',
      ],
    ];
    for (const [file, field] of cases) {
      const response = await postArticle(h, 'dana', { source: 'file', file });
      assert.equal(response.statusCode, 400, `${field}: ${response.body}`);
      const problem = json<Problem>(response);
      assert.equal(problem.field, field, response.body);
      assert.match(problem.detail, /must not contain control characters/);
    }
    assert.equal((await h.as('dana', { url: '/api/articles/control-chars' })).statusCode, 404);
    // Tab and line breaks stay allowed, as in the API's text fields.
    const fine = await postArticle(h, 'dana', {
      source: 'file',
      file: withClaim({ rationale: 'Line one\n\tLine two\r\n' }),
    });
    assert.equal(fine.statusCode, 201, fine.body);
  });

  it('keeps the article file’s text rule the same as the API’s (schemas.ts plainText)', () => {
    const schema = JSON.parse(
      readFileSync(join(PROJECT_ROOT, 'claims', 'article.schema.json'), 'utf8'),
    ) as { $defs: { plainText: { pattern: string } } };
    const filePattern = schema.$defs.plainText.pattern;
    assert.ok(filePattern.startsWith('^') && filePattern.endsWith('$'));
    assert.ok(plainText(10).pattern.endsWith(filePattern.slice(1)), filePattern);
  });

  it('answers 409 for an article id that exists, and changes nothing', async () => {
    const claimsBefore = await h.as('dana', { url: `/api/articles/${SEED_ARTICLE}/claims` });
    const file = seedFile();
    const response = await postArticle(h, 'dana', {
      source: 'file',
      file: { ...file, article: { ...file.article, headline: 'Overwritten?' }, claims: [] },
    });
    assert.equal(response.statusCode, 409, response.body);
    assert.equal(json<Problem>(response).field, '/body/file/article/id');
    const article = json<ArticleDetail>(
      await h.as('dana', { url: `/api/articles/${SEED_ARTICLE}` }),
    );
    assert.equal(article.headline, file.article.headline);
    const claimsAfter = await h.as('dana', { url: `/api/articles/${SEED_ARTICLE}/claims` });
    assert.deepEqual(json<ClaimSummary[]>(claimsAfter), json<ClaimSummary[]>(claimsBefore));
  });

  it('imports nothing of an article whose import fails half-way', async () => {
    // The database refuses the last claim's history entry: everything before it must go too.
    await refuseBoom(h.app.db);
    const file = seedFile();
    const claims = file.claims.slice(0, 3).map((claim, index) => ({
      ...claim,
      id: `half-${index}`,
      evidence: [
        {
          id: `half-ev-${index}`,
          url: 'https://example.org/source',
          title: 'A source',
          publisher: 'Example',
          stance: 'context',
          sourceType: 'secondary',
        },
      ],
      history:
        index === 2
          ? [
              {
                at: '2026-01-01T00:00:00Z',
                actor: 'dana',
                action: 'boom',
                before: null,
                after: null,
                note: null,
                correction: false,
              },
            ]
          : undefined,
    }));
    await h.app.changes.sync();
    const eventsBefore = events.length;
    const response = await postArticle(h, 'dana', {
      source: 'file',
      file: { ...file, article: { ...file.article, id: 'half-imported' }, claims },
    });
    await allowBoom(h.app.db);
    assert.equal(response.statusCode, 500, response.body);
    assert.equal((await h.as('dana', { url: '/api/articles/half-imported' })).statusCode, 404);
    for (const table of ['claims', 'suggestions', 'suggestion_runs', 'history'] as const) {
      const rows = await h.app.db
        .selectFrom(table)
        .select('article_id')
        .where('article_id', '=', 'half-imported')
        .execute();
      assert.equal(rows.length, 0, table);
    }
    const evidence = await h.app.db
      .selectFrom('evidence')
      .select('id')
      .where('id', 'like', 'half-ev-%')
      .execute();
    assert.equal(evidence.length, 0);
    await h.app.changes.sync();
    assert.equal(events.length, eventsBefore, 'no event for what was not stored');
  });

  it('takes a 200,000-character article with its claims, a body over a megabyte, and refuses pasted text over 5 MB', async () => {
    const paragraph =
      'The regional council approved a budget of 4.2 billion euros on Tuesday, its largest since 2019. ' +
      'Officials said 1,200 new teachers would be hired by September, while unions called the plan too small.\n';
    const text = paragraph.repeat(Math.ceil(200_000 / paragraph.length)).slice(0, 200_000);
    const quote = 'approved a budget of 4.2 billion euros on Tuesday';
    const claims = [];
    for (
      let at = text.indexOf(quote), n = 0;
      at >= 0 && n < 1200;
      at = text.indexOf(quote, at + 1), n++
    ) {
      claims.push({
        id: `big-${n}`,
        quote,
        start: at,
        end: at + quote.length,
        statement: `The regional council approved a budget of 4.2 billion euros (occurrence ${n}).`,
        kind: 'figure',
        stage: 'new',
        verdict: null,
        rationale: null,
        assignee: null,
        evidence: [
          {
            id: `big-ev-${n}`,
            url: 'https://council.example.org/budget-2026',
            title: 'Budget 2026 as adopted',
            publisher: 'Regional council',
            stance: 'supports',
            sourceType: 'primary',
            quote:
              'The council adopts a total budget of EUR 4,200,000,000 for the financial year, the largest ' +
              'amount since the 2019 financial year, including provision for the recruitment of teaching staff.',
            createdAt: '2026-01-01T00:00:00.000Z',
            createdBy: 'casey',
          },
        ],
        notes: [
          {
            id: `big-note-${n}`,
            author: 'casey',
            authorRole: 'fact_checker',
            text: 'The budget figure matches the council minutes; the comparison with 2019 needs the revised figures from the finance office.',
            createdAt: '2026-01-01T00:00:00.000Z',
          },
        ],
        history: [
          {
            at: '2026-01-01T00:00:00.000Z',
            actor: 'dana',
            action: 'create',
            before: null,
            after: { quote, start: at, end: at + quote.length },
            note: null,
            correction: false,
          },
        ],
      });
    }
    const file = {
      formatVersion: 1,
      article: {
        id: 'long-article',
        headline: 'A long article',
        outlet: null,
        url: null,
        publishedAt: null,
        language: 'en',
        text,
        headings: [],
      },
      claims,
    };
    const payload = JSON.stringify({ source: 'file', file });
    assert.ok(Buffer.byteLength(payload) > 1024 * 1024, 'over Fastify’s default limit');
    const response = await h.as('dana', {
      method: 'POST',
      url: '/api/articles',
      headers: { 'content-type': 'application/json' },
      payload,
    });
    assert.equal(response.statusCode, 201, response.body.slice(0, 500));
    assert.equal(json<ArticleSummary>(response).claimCount, claims.length);

    const tooLarge = await h.as('dana', {
      method: 'POST',
      url: '/api/articles',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({
        source: 'text',
        headline: 'Too large',
        text: 'y'.repeat(5 * 1024 * 1024),
      }),
    });
    assert.equal(tooLarge.statusCode, 413);
    assert.match(String(tooLarge.headers['content-type']), /application\/problem\+json/);
  });
});

describe('JSON report round trip', () => {
  let source: Harness;
  let target: Harness;

  before(async () => {
    source = await startApp();
    await withCast(source);
    // A fresh database without the seed: the report brings the article.
    target = await startApp({ claimsDir: null });
    await withCast(target);
  });
  after(async () => {
    await source.close();
    await target.close();
  });

  const report = async (h: Harness): Promise<ArticleFile> => {
    const response = await h.as('dana', {
      url: `/api/articles/${SEED_ARTICLE}/report?format=json`,
    });
    assert.equal(response.statusCode, 200, response.body.slice(0, 500));
    return JSON.parse(response.body) as ArticleFile;
  };
  /** When and by whom a report was made differ between two exports; nothing else may. */
  const withoutGeneration = (file: ArticleFile) => {
    assert.ok(file.report?.generatedAt && file.report.generatedBy, 'a report says who made it');
    return { ...file, report: { ...file.report, generatedAt: null, generatedBy: null } };
  };

  it('exports, imports into a fresh app and exports again without losing anything', async () => {
    const claims = json<ClaimSummary[]>(
      await source.as('casey', { url: `/api/articles/${SEED_ARTICLE}/claims` }),
    );
    const checked = claims[0].id;
    const step = async (user: string, options: Parameters<Harness['as']>[1], status = 200) => {
      const response = await source.as(user, options);
      assert.equal(response.statusCode, status, `${options.url}: ${response.body}`);
      return response;
    };
    await step('casey', {
      method: 'POST',
      url: `/api/claims/${checked}/transitions`,
      payload: { action: 'start' },
    });
    await step(
      'casey',
      {
        method: 'POST',
        url: `/api/claims/${checked}/evidence`,
        payload: {
          url: 'https://www.kremlin.ru/events/president/news',
          title: 'Kremlin announcement',
          stance: 'supports',
          sourceType: 'primary',
          accessedAt: '2026-01-05',
        },
      },
      201,
    );
    await step(
      'casey',
      {
        method: 'POST',
        url: `/api/claims/${checked}/notes`,
        payload: { text: 'Confirmed by two outlets.' },
      },
      201,
    );
    const doomed = json<Note>(
      await step(
        'dana',
        {
          method: 'POST',
          url: `/api/claims/${checked}/notes`,
          payload: { text: 'Wrong claim, sorry.' },
        },
        201,
      ),
    );
    await step('dana', {
      method: 'DELETE',
      url: `/api/claims/${checked}/notes/${doomed.id}`,
      headers: { 'x-claimdesk-request': '1' },
    });
    await step('casey', {
      method: 'PATCH',
      url: `/api/claims/${checked}`,
      headers: { 'if-match': '2' },
      payload: { verdict: 'true', rationale: 'The Kremlin confirmed the visit.' },
    });
    await step('casey', {
      method: 'POST',
      url: `/api/claims/${checked}/transitions`,
      payload: { action: 'submit' },
    });
    await step('dana', {
      method: 'POST',
      url: `/api/claims/${checked}/transitions`,
      payload: { action: 'approve', note: 'Good work.' },
    });
    await step('dana', {
      method: 'POST',
      url: `/api/claims/${claims[29].id}/transitions`,
      payload: { action: 'dismiss', reason: 'opinion' },
    });

    // Every suggestion on the seed overlaps a claim, so none is listed as open; one is rejected all the same.
    const open = await source.app.db
      .selectFrom('suggestions')
      .select('id')
      .where('article_id', '=', SEED_ARTICLE)
      .orderBy('start_offset')
      .executeTakeFirstOrThrow();
    await step('eli', {
      method: 'POST',
      url: `/api/articles/${SEED_ARTICLE}/suggestions/${open.id}/reject`,
      payload: {},
    });

    const exported = await report(source);
    assert.deepEqual(
      exported.suggestions?.filter((s) => s.status === 'rejected').map((s) => s.decidedBy),
      ['eli'],
      'the decision travels',
    );
    const detail = exported.claims.find((c) => c.id === checked);
    assert.equal(detail?.stage, 'approved');
    assert.equal(detail?.approvedBy, 'dana');
    assert.ok((detail?.history?.length ?? 0) >= 7, 'the history travels with the claim');
    assert.ok(
      detail?.notes.some((n) => n.deletedAt !== null && n.text === ''),
      'the tombstone travels',
    );

    // An admin restores the file: everything as it was, and one history entry more per claim.
    const imported = await target.as('ada', {
      method: 'POST',
      url: '/api/articles',
      payload: { source: 'file', file: exported },
    });
    assert.equal(imported.statusCode, 201, imported.body);
    assert.equal(json<{ import: { mode: string } }>(imported).import.mode, 'restore');
    const again = await report(target);
    const restoreEntries = again.claims.map((c) => c.history?.at(-1));
    for (const entry of restoreEntries) {
      assert.equal(entry?.actor, 'ada');
      assert.equal(entry?.action, 'import');
      assert.equal(entry?.after?.['restored'], true);
    }
    const withoutRestore = {
      ...again,
      claims: again.claims.map((c) => ({ ...c, history: c.history?.slice(0, -1) })),
    };
    assert.deepEqual(withoutGeneration(withoutRestore), withoutGeneration(exported));

    // What the API serves of the restored claim matches the original, history included.
    const [original, copy] = await Promise.all([
      source.as('casey', { url: `/api/claims/${checked}/history` }),
      target.as('casey', { url: `/api/claims/${checked}/history` }),
    ]);
    const strip = (entries: HistoryEntry[]) => entries.map(({ id: _id, ...entry }) => entry);
    // The deleted note's text left with the report nowhere, not even in history.
    const blanked = (record: Record<string, unknown> | null) =>
      record?.['id'] === doomed.id && 'text' in record ? { ...record, text: '' } : record;
    assert.deepEqual(
      strip(json<HistoryEntry[]>(copy)).slice(0, -1),
      strip(json<HistoryEntry[]>(original)).map((entry) => ({
        ...entry,
        before: blanked(entry.before),
        after: blanked(entry.after),
      })),
    );
    const [originalSummary, copySummary] = await Promise.all([
      source.as('casey', { url: `/api/claims/${checked}` }),
      target.as('casey', { url: `/api/claims/${checked}` }),
    ]);
    assert.deepEqual(json<ClaimDetail>(copySummary), json<ClaimDetail>(originalSummary));
    // The suggestions and the editors' decisions on them came along.
    assert.deepEqual(again.suggestions, exported.suggestions);
    assert.ok((exported.suggestions?.length ?? 0) > 0);
  });
});
