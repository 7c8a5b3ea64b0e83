/**
 * `GET /api/search` answers the same on SQLite and on PostgreSQL: the same queries go to
 * an app on each engine (PostgreSQL when TEST_DATABASE_URL is set) and must give the same
 * items, snippets and highlights in the same order, and what SQLite's FTS5 answers is
 * written down here, so that a run on one engine checks it too. Scores differ (bm25 and
 * ts_rank_cd) and are left out; the order they give is compared where it is decided by
 * how well items match rather than by the formula's details.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { SearchPage, SearchResult } from '../../src/domain/search';
import { addArticle } from './desk-fixtures';
import { type Harness, json, startApp, withCast } from './harness';

const POSTGRES = Boolean(process.env['TEST_DATABASE_URL']);

/** Claim statements that tell the engines' tokenizers, stemmers and stop words apart. */
const STATEMENTS: Record<string, string> = {
  'p-stop': 'The ministry’s figures for the year were revised.',
  'p-who': 'Who paid for the e-mail campaign?',
  'p-url': 'Data at example.com/report, version 3.5 of the U.S. tables.',
  'p-general': 'A general election was called.',
  'p-generous': 'A generous donation was made.',
  'p-greek': 'ΑΘΗΝΑ hosts the summit.',
  'p-accent': 'Le Café Müller à Zürich.',
  'p-emoji': 'Turnout 🎉 rose to 70% in Łódź.',
  'p-hyphen': 'A well-known figure, [mostly] <b>bold</b> & loud_speaker.',
  'p-twin-b': 'Identical twin statement.',
  'p-twin-a': 'Identical twin statement.',
  'p-relational': 'Relational databases conditionally agreed.',
  'p-cyrillic': 'Йогурт, ёлка и Ἀθῆναι.',
};

/** Each query and the claims it finds (FTS5 with the porter stemmer, no stop words). */
const EXPECTED: [string, string[]][] = [
  ['the', ['p-greek', 'p-stop', 'p-url', 'p-who']],
  ['who', ['p-who']],
  ['the ministry', ['p-stop']],
  ['ministry', ['p-stop']],
  ['"figures for the year"', ['p-stop']],
  ['"figures of the year"', []],
  ['"the year"', ['p-stop']],
  ['ministri*', ['p-stop']],
  ['e-mail', ['p-who']],
  ['mail', ['p-who']],
  ['email', []],
  ['example', ['p-url']],
  ['example.com', ['p-url']],
  ['report', ['p-url']],
  ['3.5', ['p-url']],
  ['3', ['p-url']],
  ['u.s.', ['p-url']],
  // Porter's stemmer (1980) reads all three as "gener"; Porter2 ('english') did not.
  ['general', ['p-general', 'p-generous']],
  ['generous', ['p-general', 'p-generous']],
  ['generously', ['p-general', 'p-generous']],
  ['αθηνα', ['p-greek']],
  ['ΑΘΗΝΑ', ['p-greek']],
  ['athena', []],
  ['cafe', ['p-accent']],
  ['MÜLLER zurich', ['p-accent']],
  ['a', ['p-accent', 'p-general', 'p-generous', 'p-hyphen']],
  // Ł is a letter of its own, not L with a mark: neither engine folds it.
  ['lodz', []],
  ['łódź', ['p-emoji']],
  ['70', ['p-emoji']],
  ['rose turnout', ['p-emoji']],
  ['well-known', ['p-hyphen']],
  ['known', ['p-hyphen']],
  ['mostly', ['p-hyphen']],
  ['bold', ['p-hyphen']],
  ['b', ['p-hyphen']],
  ['loud', ['p-hyphen']],
  ['speaker', ['p-hyphen']],
  ['twin', ['p-twin-a', 'p-twin-b']],
  ['relate', ['p-relational']],
  ['conditionally', ['p-relational']],
  ['database', ['p-relational']],
  ['agree', ['p-relational']],
  ['agreement', []],
  // FTS5 removes the marks of Latin letters only: й, ё and Greek accents stay.
  ['ЙОГУРТ ЁЛКА', ['p-cyrillic']],
  ['иогурт', []],
  ['елка', []],
  ['ἀθῆναι', ['p-cyrillic']],
  ['αθηναι', []],
];

describe('search answers the same on both engines', () => {
  const apps: Harness[] = [];

  before(async () => {
    const engines = POSTGRES ? [true, false] : [true];
    for (const sqlite of engines) {
      const h = await startApp({ sqlite, claimsDir: null });
      await withCast(h);
      await addArticle(h, {
        id: 'parity',
        headline: 'Parity',
        claims: Object.entries(STATEMENTS).map(([id, statement]) => ({ id, statement })),
      });
      apps.push(h);
    }
  });
  after(() => Promise.all(apps.map((h) => h.close())));

  const search = async (h: Harness, params: Record<string, string>): Promise<SearchPage> => {
    const response = await h.as('casey', {
      url: `/api/search?${new URLSearchParams(params).toString()}`,
    });
    assert.equal(response.statusCode, 200, response.body);
    return json<SearchPage>(response);
  };
  const withoutScore = ({ score: _score, ...rest }: SearchResult) => rest;

  it('finds the same claims for words, stop words, phrases, prefixes, accents and case', async () => {
    const differences: string[] = [];
    for (const [q, expected] of EXPECTED) {
      const answers = [];
      for (const h of apps) {
        const page = await search(h, { q, type: 'claim', limit: '50' });
        answers.push(page.items.map(withoutScore));
      }
      const [sqlite, postgres] = answers;
      const ids = (items: typeof sqlite) => items.map((item) => item.claimId ?? '').sort();
      if (JSON.stringify(ids(sqlite)) !== JSON.stringify(expected)) {
        differences.push(`${q}: SQLite ${JSON.stringify(ids(sqlite))}`);
      }
      if (postgres && JSON.stringify(ids(postgres)) !== JSON.stringify(expected)) {
        differences.push(`${q}: PostgreSQL ${JSON.stringify(ids(postgres))}`);
      }
      if (postgres && JSON.stringify(sqlite) !== JSON.stringify(postgres)) {
        differences.push(`${q}: ${JSON.stringify(sqlite)}\n  vs ${JSON.stringify(postgres)}`);
      }
    }
    assert.deepEqual(differences, []);
  });

  it('ranks articles and claims alike, archived or not', async () => {
    const answers = [];
    for (const h of apps) {
      const answer = [];
      const queries: Record<string, string>[] = [
        { q: 'parity' },
        { q: 'sentence 3' },
        { q: 'twin identical', type: 'claim,article' },
        { q: 'parity', type: 'article', archived: '1' },
      ];
      for (const params of queries) {
        answer.push((await search(h, { ...params, limit: '50' })).items.map(withoutScore));
      }
      answers.push(answer);
    }
    assert.ok(answers[0]?.[0]?.some((item) => item.type === 'article'));
    if (answers[1]) {
      assert.deepEqual(answers[1], answers[0]);
    }
  });

  // Last: it adds and deletes claims.
  it('pages after the last item given: a write between pages neither repeats nor skips', async () => {
    for (const h of apps) {
      const params = { q: 'sentence', type: 'claim', limit: '4' };
      const all = (await search(h, { ...params, limit: '50' })).items.map((i) => i.claimId);
      assert.equal(all.length, Object.keys(STATEMENTS).length);
      const first = await search(h, params);
      const seen = first.items.map((item) => item.claimId);
      assert.deepEqual(seen, all.slice(0, 4));
      // A claim that ranks first arrives, then one already seen goes: with offsets the
      // next page would repeat an item, and the one after skip one.
      await addArticle(h, {
        id: 'parity-late',
        headline: 'Late',
        claims: [{ id: 'p-late', statement: 'Sentence, sentence: sentence!' }],
      });
      let cursor = first.nextCursor;
      const writes = [
        () =>
          h.app.db
            .deleteFrom('claims')
            .where('id', '=', all[0] ?? '')
            .execute(),
      ];
      while (cursor) {
        const page: SearchPage = await search(h, { ...params, cursor });
        seen.push(...page.items.map((item) => item.claimId));
        cursor = page.nextCursor;
        await writes.shift()?.();
      }
      assert.deepEqual(seen, all);
    }
  });
});
