/** The matcher's pieces on small made-up data: tokeniser, BM25, re-ranker, matcher. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Bm25Index } from '../matching/bm25';
import { GramIndex, gramsOf } from '../matching/char-grams';
import { FEATURE_NAMES, type Features } from '../matching/features';
import { Matcher } from '../matching/matcher';
import { Reranker } from '../matching/reranker';
import {
  candidatesOf,
  crossFittedCandidates,
  neutralReranker,
  trainReranker,
} from '../matching/training';
import {
  learnTranslations,
  loadTranslations,
  serialiseTranslations,
  translationOf,
} from '../matching/translations';
import { WordSegmenter } from '../matching/segmenter';
import { signatureOf } from '../matching/signature';
import { numbers, tokenize, words } from '../matching/tokenize';

const COLLECTION = [
  {
    id: 'shells',
    claim: 'North Korea shipped five million artillery shells to Russia.',
    context: '',
  },
  {
    id: 'visit',
    claim: 'Vladimir Putin visited North Korea in June.',
    context: 'Putin in Pyongyang',
  },
  { id: 'vaccine', claim: 'The vaccine contains microchips for tracking people.', context: '' },
  { id: 'fees', claim: 'The council raised parking fees by 15%.', context: 'Parking fees up' },
  { id: 'buses', claim: 'The city will buy 40 new electric buses.', context: '' },
];

describe('matcher pieces', () => {
  it('tokenises: lower case, accents and links gone, stop words out, stems, numbers kept', () => {
    assert.deepEqual(tokenize('The Visited visits of Café https://t.co/x 3,000 and 2.5%!'), [
      'visit',
      'visit',
      'cafe',
      '3000',
      '2.5',
    ]);
    assert.deepEqual([...numbers('From 3,000 to 3000 and 2.5')], ['3000', '2.5']);
    assert.deepEqual(tokenize(''), []);
    assert.deepEqual(
      tokenize('#ImpeachTrump says @LindseyGrahamSC pic.twitter.com/9CgOACecb0'),
      ['impeach', 'trump', 'say', 'lindsey', 'graham', 'sc'],
      'handles and hashtags split into their words, links gone',
    );
    assert.deepEqual(
      tokenize('#DefundTheCBChttps://t.co/CsHG8R9cHp #IranUsapic.twitter.com/TvRkHvlgby'),
      ['defund', 'cbc', 'iran', 'usa'],
      'a link glued to the word before it goes too',
    );
  });

  it("reads a pasted tweet's signature: body, author and year apart", () => {
    assert.deepEqual(
      signatureOf(
        'No Collusion, No Obstruction! — Donald J. Trump (@realDonaldTrump) March 24, 2019',
      ),
      {
        body: 'No Collusion, No Obstruction!',
        author: 'Donald J. Trump @realDonaldTrump',
        year: '2019',
      },
    );
    assert.deepEqual(signatureOf('The council raised parking fees - by 15% in 2024.'), {
      body: 'The council raised parking fees - by 15% in 2024.',
      author: '',
      year: '',
    });
  });

  it('splits a run-together lower-case hashtag into the words the claims use', () => {
    const segmenter = new WordSegmenter();
    const claimWords = (text: string) => new Set(words(text));
    segmenter.add(claimWords('Kellogg corn flakes were invented by a doctor'));
    segmenter.add(claimWords('Instagram model Kristyna Martelli died after surgery'));
    segmenter.add(claimWords('Protesters set up a tent city; forest fires'));
    const split = (run: string) => segmenter.split(run);
    assert.deepEqual(tokenize('why were #cornflakes invented', split), ['corn', 'flake', 'invent']);
    assert.deepEqual(split('krystinamartelli'), ['krystina', 'martelli'], 'an unknown name kept');
    assert.deepEqual(split('tentcity'), ['tent', 'city']);
    assert.deepEqual(split('forests'), ['forests'], 'a form of a known word stays whole');
    assert.deepEqual(split('qwxzvbn'), ['qwxzvbn'], 'nothing known: left as it is');
    assert.deepEqual(tokenize('#cornflakes'), ['cornflak'], 'no splitter: one word');
    segmenter.remove(claimWords('Kellogg corn flakes were invented by a doctor'));
    assert.deepEqual(split('cornflakes'), ['cornflakes'], 'words of removed claims forgotten');
  });

  it('scores BM25: rare shared words count most, replaced and removed documents are forgotten', () => {
    const index = new Bm25Index();
    index.upsert('a', [tokenize('north korea artillery shells')]);
    index.upsert('b', [tokenize('north korea visit')]);
    index.upsert('c', [tokenize('parking fees')]);
    const found = index.search(tokenize('artillery in north korea'), 10);
    assert.deepEqual(
      found.map((f) => f.id),
      ['a', 'b'],
    );
    assert.ok(found[0].score > found[1].score);
    assert.ok(index.idf('artilleri') > index.idf('north'));
    assert.ok(index.scoreOf('a', tokenize('artillery')) <= index.ceiling(tokenize('artillery')));
    index.upsert('a', [tokenize('parking fines')]);
    assert.deepEqual(
      index.search(tokenize('artillery'), 10).map((f) => f.id),
      [],
    );
    index.remove('c');
    assert.deepEqual(
      index.search(tokenize('parking'), 10).map((f) => f.id),
      ['a'],
    );
    assert.equal(index.size, 2);
  });

  it('scores BM25F: each field normalised by its own length, scored alone on request', () => {
    const index = new Bm25Index({
      k1: 1.2,
      fields: [
        { weight: 1, b: 0.75 },
        { weight: 1, b: 0.3 },
      ],
    });
    index.upsert('statement', [
      tokenize('artillery shells shipped to Russia by rail across the border in June'),
      [],
    ]);
    index.upsert('title', [tokenize('North Korea trade'), tokenize('Artillery shells?')]);
    index.upsert('other', [tokenize('parking fees in the city centre'), tokenize('fees')]);
    const query = tokenize('artillery shells');
    assert.deepEqual(
      index.search(query, 10).map((f) => f.id),
      ['title', 'statement'],
      'a short title counts more than a long statement',
    );
    assert.equal(index.scoreOf('title', query, 0), 0, 'the statement alone does not say it');
    assert.ok(index.scoreOf('title', query, 1) > 0);
    assert.ok(index.scoreOf('title', query) <= index.ceiling(query));
  });

  it('compares character grams: other spellings of a word still meet, removed documents are forgotten', () => {
    const index = new GramIndex();
    index.upsert('aoc', gramsOf('Alexandria Ocasio-Cortez cried at a tent city'));
    index.upsert('fees', gramsOf('The council raised parking fees'));
    const query = gramsOf('#OcasioCortez at the #tentcity');
    const norm = index.norm(query);
    assert.ok(index.similarity(query, norm, 'aoc') > 0.2);
    assert.ok(index.similarity(query, norm, 'fees') < 0.05);
    assert.ok(
      index.similarity(gramsOf('parking fees'), index.norm(gramsOf('parking fees')), 'fees') > 0.5,
    );
    index.remove('aoc');
    assert.equal(index.similarity(query, norm, 'aoc'), 0);
    assert.deepEqual(gramsOf('the of and'), new Uint32Array(0), 'stop words have no grams');
  });

  it('trains the same re-ranker from the same data, and its scores are probabilities', () => {
    const queries = [
      { text: 'Russia got 5 million shells from North Korea', relevant: new Set(['shells']) },
      { text: 'Putin went to North Korea', relevant: new Set(['visit']) },
      { text: 'microchips in the vaccine', relevant: new Set(['vaccine']) },
      { text: 'parking costs 15% more', relevant: new Set(['fees']) },
    ];
    const neutral = new Matcher(neutralReranker());
    COLLECTION.forEach((document) => neutral.upsert(document));
    const candidates = candidatesOf(neutral, queries);
    assert.ok(candidates.some((c) => c.label === 1) && candidates.some((c) => c.label === 0));
    const first = trainReranker(candidates, FEATURE_NAMES, 'test');
    const second = trainReranker(candidates, FEATURE_NAMES, 'test');
    assert.deepEqual(first, second);

    const matcher = new Matcher(new Reranker(first));
    COLLECTION.forEach((document) => matcher.upsert(document));
    const results = matcher.match('North Korea sent Russia millions of artillery shells', 3);
    assert.equal(results[0].id, 'shells');
    for (const result of results) {
      assert.ok(result.score > 0 && result.score < 1);
    }
    assert.deepEqual(
      matcher
        .match('North Korea sent Russia millions of artillery shells', 3, new Set(['shells']))
        .map((r) => r.id)
        .includes('shells'),
      false,
      'excluded',
    );
    assert.deepEqual(matcher.match('nothing in common whatsoever', 3), []);
  });

  it('learns word translations from repeats and their claims: a word the claim does not say is bridged', () => {
    const pairs = [
      { text: tokenize('trump wig falls off'), claim: tokenize('Donald Trump is bald') },
      { text: tokenize('the wig of the president'), claim: tokenize('The president is bald') },
      { text: tokenize('trump hat wind'), claim: tokenize('Trump lost his hat in the wind') },
      { text: tokenize('jab kills'), claim: tokenize('The vaccine kills') },
    ];
    const table = learnTranslations(pairs);
    assert.deepEqual(learnTranslations(pairs), table, 'deterministic');
    assert.ok((table.get('wig')?.get('bald') ?? 0) > 0.5, 'wig -> bald');
    assert.ok((table.get('trump')?.get('trump') ?? 0) > 0.5, 'a shared word translates to itself');
    const idf = () => 1;
    const bald = new Set(tokenize('The senator is bald'));
    const wigless = translationOf(table, new Set(tokenize('a wig')), bald, idf);
    assert.ok(wigless.bridged > 0.5 && wigless.translated >= wigless.bridged);
    const same = translationOf(table, new Set(tokenize('trump')), new Set(['trump']), idf);
    assert.equal(same.bridged, 0, 'a word the candidate has is not a bridge');
    assert.ok(same.translated > 0.5);
    assert.deepEqual(translationOf(table, new Set(), bald, idf), { translated: 0, bridged: 0 });
    assert.deepEqual(
      translationOf(table, new Set(['pyongyang']), new Set(['pyongyang', 'shell']), idf),
      { translated: 1, bridged: 0 },
      'a word the table does not know translates to itself',
    );
    const rows = serialiseTranslations(table);
    assert.match(rows['wig'], /^bald 0\.\d+/);
    const shipped = loadTranslations();
    assert.ok(shipped.size > 0, 'the committed table loads');
  });

  it('cross-fits the translation features: the same candidates, each fold without its own queries', () => {
    const queries = [
      { text: 'Russia got 5 million shells from North Korea', relevant: new Set(['shells']) },
      { text: 'Putin went to Pyongyang', relevant: new Set(['visit']) },
      { text: 'microchips in the jab', relevant: new Set(['vaccine']) },
      { text: 'parking costs 15% more', relevant: new Set(['fees']) },
      { text: 'electric buses for the city', relevant: new Set(['buses']) },
      { text: 'the jab has chips', relevant: new Set(['vaccine']) },
    ];
    const neutral = new Matcher(neutralReranker());
    COLLECTION.forEach((document) => neutral.upsert(document));
    const crossFitted = crossFittedCandidates(neutral, queries, COLLECTION);
    assert.equal(crossFitted.length, candidatesOf(neutral, queries).length);
    assert.deepEqual(crossFittedCandidates(neutral, queries, COLLECTION), crossFitted);
    assert.equal(neutral.translations.size, 0, 'the matcher keeps its own table');
  });

  it('refuses weights that name a feature it does not compute', () => {
    assert.throws(
      () => new Reranker({ features: ['nope'], means: [0], scales: [1], weights: [1], bias: 0 }),
      /unknown features/,
    );
    const shipped = Reranker.load();
    const zero = Object.fromEntries(FEATURE_NAMES.map((name) => [name, 0])) as Features;
    const p = shipped.probability(zero);
    assert.ok(p > 0 && p < 1);
  });

  it('ranks the first indexed of claims that score the same first (the original, not its copy)', () => {
    const matcher = new Matcher(Reranker.load());
    const claim = 'A Church of Lucifer has opened in Colombia.';
    for (const id of ['z-original', 'a-copy', 'm-other-copy']) {
      matcher.upsert({ id, claim, context: '' });
    }
    matcher.upsert({ id: 'z-original', claim, context: '' });
    const ranked = matcher.match('Church of Lucifer opened in Colombia', 3);
    assert.equal(ranked[0].score, ranked[2].score);
    assert.deepEqual(
      ranked.map((result) => result.id),
      ['z-original', 'a-copy', 'm-other-copy'],
      'an edit keeps its place; ids do not decide',
    );
    matcher.remove('z-original');
    matcher.upsert({ id: 'z-original', claim, context: '' });
    assert.equal(matcher.match('Church of Lucifer opened in Colombia', 1)[0].id, 'a-copy');
  });
});
