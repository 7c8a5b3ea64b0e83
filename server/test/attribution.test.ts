/**
 * Who made a claim, from the sentence around it: the attribution reader, the
 * `GET /api/articles/:id/attribution` route, suggestions that carry their
 * claimant, and new claims (from a selection or an accepted suggestion) that
 * store the claimant the editor confirmed.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ArticleSummary, ClaimSummary } from '../../src/domain/claim';
import type { AttributionGuess, Suggestion } from '../../src/domain/suggestion';
import { attributionAt } from '../suggestions/attribution';
import { type Harness, json, startApp, withCast } from './harness';

/** The guess for `words` inside `text`. */
function guess(text: string, words: string) {
  const start = text.indexOf(words);
  assert.ok(start >= 0, `"${words}" is not in "${text}"`);
  return attributionAt(text, start, start + words.length);
}

describe('attribution: who the sentence says made the claim', () => {
  const named: [string, string, string, 'Person' | 'Organization'][] = [
    [
      'Council leader Marion Adebayo said the scheme would cost £4m.',
      'the scheme would cost £4m',
      'Marion Adebayo',
      'Person',
    ],
    [
      'The scheme would cost £4m, the ministry said.',
      'The scheme would cost £4m',
      'the ministry',
      'Organization',
    ],
    [
      'According to the IMF, the economy will shrink by 2% this year.',
      'the economy will shrink by 2%',
      'IMF',
      'Organization',
    ],
    [
      'Putin told reporters that the visit was a success.',
      'the visit was a success',
      'Putin',
      'Person',
    ],
    [
      'Russian President Vladimir Putin said on Tuesday that trade had grown.',
      'trade had grown',
      'Vladimir Putin',
      'Person',
    ],
    [
      'Russia has supplied North Korea with oil, said Kim Jong Un, the leader.',
      'Russia has supplied North Korea with oil',
      'Kim Jong Un',
      'Person',
    ],
    [
      'Dmitry Peskov, the Kremlin spokesman, told journalists the visit was historic.',
      'the visit was historic',
      'Dmitry Peskov',
      'Person',
    ],
    [
      'The Ministry of Defence said 300 soldiers had been deployed.',
      '300 soldiers had been deployed',
      'Ministry of Defence',
      'Organization',
    ],
    [
      '“The visit is historic,” said the Kremlin.',
      'The visit is historic',
      'Kremlin',
      'Organization',
    ],
    ['Putin has repeatedly said that Russia would win.', 'Russia would win', 'Putin', 'Person'],
  ];
  for (const [sentence, words, claimant, claimantType] of named) {
    it(`"${sentence}" → ${claimant}`, () => {
      assert.deepEqual(guess(sentence, words), { claimant, claimantType });
    });
  }

  it('gives nobody when the sentence names nobody, and never a pronoun', () => {
    for (const [sentence, words] of [
      ['"We will never surrender," he said.', 'We will never surrender'],
      ['The bridge was safe, I said.', 'The bridge was safe'],
      ['They told us the bridge was safe.', 'the bridge was safe'],
      ['She said turnout fell to 40%.', 'turnout fell to 40%'],
      ['Officials said the bridge would reopen in May.', 'the bridge would reopen in May'],
      ['North Korea has sent 10,000 troops to Russia.', 'North Korea has sent 10,000 troops'],
      ['Trade rose 9 percent, according to customs data.', 'Trade rose 9 percent'],
    ]) {
      assert.equal(guess(sentence, words), null, sentence);
    }
  });

  it('reads the sentence around the span, not its neighbours', () => {
    const text =
      'Council leader Marion Adebayo said the scheme would cost £4m. ' +
      'It would open in 2026, she added.\n' +
      'The IMF said growth would slow.';
    assert.equal(guess(text, 'It would open in 2026'), null, 'not Adebayo, a sentence earlier');
    assert.deepEqual(guess(text, 'the scheme would cost £4m'), {
      claimant: 'Marion Adebayo',
      claimantType: 'Person',
    });
    assert.deepEqual(guess(text, 'growth would slow'), {
      claimant: 'IMF',
      claimantType: 'Organization',
    });
  });

  it('picks the speaker nearest the words when a sentence has two', () => {
    const text =
      'Marion Adebayo said the scheme would cost £4m, but the Treasury said it would cost £9m.';
    assert.equal(guess(text, 'the scheme would cost £4m')?.claimant, 'Marion Adebayo');
    assert.equal(guess(text, 'it would cost £9m')?.claimant, 'Treasury');
  });
});

describe('GET /api/articles/:id/attribution and claimants on new claims', () => {
  const TEXT =
    'Council leader Marion Adebayo said the scheme would cost £4m over five years.\n' +
    'The city has 120 buses, the transport department said on Monday.\n' +
    'Critics said the figure was far too low.';
  let h: Harness;
  let article: ArticleSummary;

  const attribution = (query: string, articleId = article.id) =>
    h.as('casey', { url: `/api/articles/${articleId}/attribution?${query}` });
  const spanOf = (words: string) => {
    const start = TEXT.indexOf(words);
    return { start, end: start + words.length };
  };

  before(async () => {
    h = await startApp({ claimsDir: null });
    await withCast(h);
    const created = await h.as('dana', {
      method: 'POST',
      url: '/api/articles',
      payload: { source: 'text', headline: 'Bus scheme', text: TEXT },
    });
    assert.equal(created.statusCode, 201, created.body);
    article = json<ArticleSummary>(created);
  });
  after(() => h.close());

  it('answers with the claimant the sentence names, for anyone signed in', async () => {
    const { start, end } = spanOf('the scheme would cost £4m');
    const response = await attribution(`start=${start}&end=${end}`);
    assert.equal(response.statusCode, 200, response.body);
    assert.deepEqual(json<AttributionGuess>(response), {
      claimant: 'Marion Adebayo',
      claimantType: 'Person',
    });
    const unnamed = spanOf('the figure was far too low');
    assert.deepEqual(
      json<AttributionGuess>(await attribution(`start=${unnamed.start}&end=${unnamed.end}`)),
      { claimant: null, claimantType: 'Person' },
    );
  });

  it('refuses a bad span by name, and answers 404 for an unknown article', async () => {
    for (const [query, field] of [
      ['start=10&end=10', '/querystring/end'],
      ['start=10&end=5', '/querystring/end'],
      [`start=0&end=${TEXT.length + 1}`, '/querystring/end'],
      ['start=-1&end=5', '/querystring/start'],
      ['start=a&end=5', '/querystring/start'],
      ['end=5', '/querystring/start'],
      ['start=0&end=5&who=me', '/querystring/who'],
    ]) {
      const response = await attribution(query);
      assert.equal(response.statusCode, 400, query);
      assert.equal(json<{ field: string }>(response).field, field, query);
    }
    assert.equal((await attribution('start=0&end=5', 'no-such-article')).statusCode, 404);
  });

  it('guesses nothing in a language the reader does not know', async () => {
    const created = await h.as('dana', {
      method: 'POST',
      url: '/api/articles',
      payload: { source: 'text', headline: 'Bus scheme (de)', text: TEXT, language: 'de' },
    });
    assert.equal(created.statusCode, 201, created.body);
    const { start, end } = spanOf('the scheme would cost £4m');
    const response = await attribution(
      `start=${start}&end=${end}`,
      json<ArticleSummary>(created).id,
    );
    assert.deepEqual(json<AttributionGuess>(response), { claimant: null, claimantType: 'Person' });
  });

  it('gives each suggestion the claimant of its sentence', async () => {
    const suggestions = json<Suggestion[]>(
      await h.as('casey', { url: `/api/articles/${article.id}/suggestions` }),
    );
    const scheme = suggestions.find((s) => s.quote.includes('£4m'));
    assert.ok(scheme, JSON.stringify(suggestions.map((s) => s.quote)));
    assert.equal(scheme.claimant, 'Marion Adebayo');
    assert.equal(scheme.claimantType, 'Person');
    const buses = suggestions.find((s) => s.quote.includes('120 buses'));
    assert.ok(buses);
    assert.equal(buses.claimant, 'the transport department');
    assert.equal(buses.claimantType, 'Organization');
  });

  it('stores the claimant an editor confirms on accepting a suggestion, and only then', async () => {
    const suggestions = json<Suggestion[]>(
      await h.as('dana', { url: `/api/articles/${article.id}/suggestions` }),
    );
    const scheme = suggestions.find((s) => s.quote.includes('£4m'));
    const buses = suggestions.find((s) => s.quote.includes('120 buses'));
    assert.ok(scheme && buses);
    const accepted = await h.as('dana', {
      method: 'POST',
      url: `/api/articles/${article.id}/suggestions/${scheme.id}/accept`,
      payload: { claimant: 'Marion Adebayo', claimantType: 'Person' },
    });
    assert.equal(accepted.statusCode, 201, accepted.body);
    const claim = json<{ claim: ClaimSummary }>(accepted).claim;
    assert.equal(claim.claimant, 'Marion Adebayo');
    assert.equal(claim.claimantType, 'Person');

    const unconfirmed = await h.as('dana', {
      method: 'POST',
      url: `/api/articles/${article.id}/suggestions/${buses.id}/accept`,
      payload: {},
    });
    assert.equal(unconfirmed.statusCode, 201, unconfirmed.body);
    assert.equal(json<{ claim: ClaimSummary }>(unconfirmed).claim.claimant, null);
  });

  it('takes the claimant with a new claim from selected words', async () => {
    const { start, end } = spanOf('Critics said the figure was far too low');
    const created = await h.as('dana', {
      method: 'POST',
      url: `/api/articles/${article.id}/claims`,
      payload: {
        start,
        end,
        statement: 'The £4m figure is far too low.',
        kind: 'characterisation',
        claimant: 'Bus Users UK',
        claimantType: 'Organization',
      },
    });
    assert.equal(created.statusCode, 201, created.body);
    const claim = json<ClaimSummary>(created);
    assert.equal(claim.claimant, 'Bus Users UK');
    assert.equal(claim.claimantType, 'Organization');

    for (const [extra, field] of [
      [{ claimant: 'x'.repeat(201) }, '/body/claimant'],
      [{ claimantType: 'Robot' }, '/body/claimantType'],
    ] as const) {
      const refused = await h.as('dana', {
        method: 'POST',
        url: `/api/articles/${article.id}/claims`,
        payload: { start, end, statement: 'Again.', kind: 'event', ...extra },
      });
      assert.equal(refused.statusCode, 400, JSON.stringify(extra));
      assert.equal(json<{ field: string }>(refused).field, field);
    }
  });
});
